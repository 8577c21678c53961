// The parser, string half: adjacent string literals are concatenated into one Constant, or into
// one FString when any of them is an f-string. An f-string body (kept raw by the lexer) is split
// here into literal parts and replacement fields `{expr=!conv:spec}`; each field's expression is
// tokenized in place with tokenize_fragment, so its locations are exact file positions.
// Grammar as of Python 3.11: a field may not reuse the enclosing quote character (PEP 701's
// f"{d["k"]}" is not accepted) and may not contain '#'. Bytes literals are rejected.
#include "frontend/parser_internal.h"
#include "support/diagnostics.h"

namespace nki::frontend_detail {

using ast::Expr;
using ast::ExprKind;

namespace {

// Appends the accumulated literal text as a Constant Str part (Python drops empty parts).
void flush_literal(std::vector<ExprPtr>& parts, std::string& pending, SourceLoc& pending_loc) {
  if (!pending.empty()) {
    auto c = std::make_unique<Expr>(ExprKind::Constant, pending_loc);
    c->const_kind = ast::ConstKind::Str;
    c->str_value = std::move(pending);
    parts.push_back(std::move(c));
  }
  pending.clear();
  pending_loc = SourceLoc{};
}

}  // namespace

// Splits one f-string token's raw body. Literal text accumulates in `pending` so that literal
// parts of adjacent strings merge into one Constant.
class FStringParser {
 public:
  FStringParser(const SourceFile* file, const Token& tok)
      : file_(file), raw_(tok.text), base_(tok.body_loc), is_raw_(tok.is_raw) {}

  // Parses raw_[i..] until its end, or (in a format spec) until the unmatched '}' whose index
  // is returned.
  size_t parse_parts(size_t i, bool in_spec, std::vector<ExprPtr>& parts, std::string& pending,
                     SourceLoc& pending_loc) {
    size_t n = raw_.size(), lit = i;
    while (i < n) {
      char c = raw_[i];
      if (c == '{') {
        if (!in_spec && i + 1 < n && raw_[i + 1] == '{') {  // "{{" is a literal '{'
          add_literal(lit, i + 1, pending, pending_loc);
          lit = i += 2;
          continue;
        }
        add_literal(lit, i, pending, pending_loc);
        lit = i = parse_field(i, parts, pending, pending_loc);
        continue;
      }
      if (c == '}') {
        if (in_spec) {
          add_literal(lit, i, pending, pending_loc);
          return i;
        }
        if (i + 1 < n && raw_[i + 1] == '}') {
          add_literal(lit, i + 1, pending, pending_loc);
          lit = i += 2;
          continue;
        }
        throw UserError(loc_at(i), "f-string: single '}' is not allowed");
      }
      ++i;
    }
    add_literal(lit, n, pending, pending_loc);
    return n;
  }

 private:
  // The file position of raw_[i]. Calls come in mostly increasing order, so walk from a cache.
  SourceLoc loc_at(size_t i) {
    if (i < cache_pos_) {
      cache_pos_ = 0;
      cache_loc_ = base_;
    }
    for (; cache_pos_ < i && cache_pos_ < raw_.size(); ++cache_pos_) {
      if (raw_[cache_pos_] == '\n') {
        ++cache_loc_.line;
        cache_loc_.col = 1;
      } else {
        ++cache_loc_.col;
      }
    }
    return cache_loc_;
  }

  void add_literal(size_t from, size_t to, std::string& pending, SourceLoc& pending_loc) {
    if (from >= to) return;
    SourceLoc loc = loc_at(from);
    if (!pending_loc.valid()) pending_loc = loc;
    std::string_view piece = std::string_view(raw_).substr(from, to - from);
    if (is_raw_)
      pending += piece;
    else
      pending += decode_escapes(piece, loc, false);
  }

  // Index of the character that ends the expression starting at `i`: a top-level '}', '!'
  // (not "!="), ':' or '=' (not "==", "<=", ">=").
  size_t scan_expression_end(size_t i, size_t open) {
    size_t n = raw_.size();
    int depth = 0;
    while (i < n) {
      char c = raw_[i];
      char d = i + 1 < n ? raw_[i + 1] : '\0';
      if (c == '\'' || c == '"') {  // skip a nested string literal
        size_t q = (d == c && i + 2 < n && raw_[i + 2] == c) ? 3 : 1;
        size_t k = i + q;
        while (true) {
          if (k >= n) throw UserError(loc_at(i), "f-string: unterminated string");
          if (raw_[k] == '\\') {
            k += 2;
            continue;
          }
          if (raw_.compare(k, q, std::string(q, c)) == 0) break;
          ++k;
        }
        i = k + q;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        ++depth;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) {
          if (c == '}') return i;
          throw UserError(loc_at(i), std::string("f-string: unmatched '") + c + "'");
        }
        --depth;
      } else if (depth == 0) {
        if ((c == '!' || c == '=' || c == '<' || c == '>') && d == '=') {
          i += 2;
          continue;
        }
        if (c == '!' || c == ':' || c == '=') return i;
      }
      ++i;
    }
    throw UserError(loc_at(open), "f-string: expecting '}'");
  }

  // Parses the field whose '{' is at `open`; returns the index after its '}'.
  size_t parse_field(size_t open, std::vector<ExprPtr>& parts, std::string& pending, SourceLoc& pending_loc) {
    size_t n = raw_.size(), start = open + 1;
    size_t end = scan_expression_end(start, open);
    std::string_view text = std::string_view(raw_).substr(start, end - start);
    if (text.find_first_not_of(" \t\r\n\f") == std::string_view::npos)
      throw UserError(loc_at(open), "f-string: empty expression not allowed");
    Parser sub(file_, tokenize_fragment(file_, text, loc_at(start)));
    ExprPtr value = sub.parse_fragment_expression();

    size_t j = end;
    bool self_doc = false;
    if (raw_[j] == '=') {  // f"{x = }" shows "x = " then repr(x)
      self_doc = true;
      ++j;
      while (j < n && (raw_[j] == ' ' || raw_[j] == '\t')) ++j;
      if (!pending_loc.valid()) pending_loc = loc_at(start);
      pending += raw_.substr(start, j - start);
    }
    char conversion = 0;
    if (j < n && raw_[j] == '!') {
      char c = j + 1 < n ? raw_[j + 1] : '\0';
      if (c == '\0' || c == '}' || c == ':')
        throw UserError(loc_at(j), "f-string: missing conversion character");
      if (c != 'r' && c != 's' && c != 'a')
        throw UserError(loc_at(j + 1), std::string("f-string: invalid conversion character '") + c +
                                           "': expected 's', 'r', or 'a'");
      conversion = c;
      j += 2;
    }
    ExprPtr spec;
    if (j < n && raw_[j] == ':') {
      spec = std::make_unique<Expr>(ExprKind::FString, loc_at(j + 1));
      std::string spec_text;
      SourceLoc spec_loc;
      j = parse_parts(j + 1, true, spec->elts, spec_text, spec_loc);
      flush_literal(spec->elts, spec_text, spec_loc);
    }
    if (j >= n || raw_[j] != '}') throw UserError(loc_at(j), "f-string: expecting '}'");
    if (self_doc && !conversion && !spec) conversion = 'r';

    flush_literal(parts, pending, pending_loc);
    auto field = std::make_unique<Expr>(ExprKind::FormattedValue, loc_at(open));
    field->a = std::move(value);
    field->b = std::move(spec);
    field->conversion = conversion;
    parts.push_back(std::move(field));
    return j + 1;
  }

  const SourceFile* file_;
  const std::string& raw_;
  SourceLoc base_;
  bool is_raw_;
  size_t cache_pos_ = 0;
  SourceLoc cache_loc_ = base_;
};

ExprPtr Parser::parse_strings() {
  const Token& first = peek();
  std::vector<ExprPtr> parts;
  std::string pending;
  SourceLoc pending_loc;
  bool any_fstring = false;
  while (at(Tok::String) || at(Tok::FString)) {
    const Token& t = next();
    if (t.is_bytes != first.is_bytes) fail(t, "cannot mix bytes and nonbytes literals");
    if (t.kind == Tok::String) {
      if (!pending_loc.valid()) pending_loc = t.loc;
      pending += t.text;
    } else {
      any_fstring = true;
      parse_fstring_body(t, parts, pending, pending_loc);
    }
  }
  if (first.is_bytes) fail(first, "bytes literals are not supported");
  if (!any_fstring) {
    auto c = std::make_unique<Expr>(ExprKind::Constant, first.loc);
    c->const_kind = ast::ConstKind::Str;
    c->str_value = std::move(pending);
    return c;
  }
  flush_literal(parts, pending, pending_loc);
  auto f = std::make_unique<Expr>(ExprKind::FString, first.loc);
  f->elts = std::move(parts);
  return f;
}

void Parser::parse_fstring_body(const Token& tok, std::vector<ExprPtr>& parts, std::string& pending,
                                SourceLoc& pending_loc) {
  FStringParser(file_, tok).parse_parts(0, false, parts, pending, pending_loc);
}

}  // namespace nki::frontend_detail

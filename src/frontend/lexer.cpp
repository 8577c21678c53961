// The tokenizer: turns a kernel file (or the expression of an f-string field) into Python
// tokens. Indentation is tracked with a stack of (tab-size-8 column, tab-size-1 column) pairs so
// that inconsistent tabs/spaces are caught like CPython does. Every error is a UserError at the
// exact offending character.
#include "frontend/lexer.h"

#include <array>
#include <charconv>
#include <cstring>

#include "support/diagnostics.h"

namespace nki {

namespace {

// Operators and delimiters, longest first so the first prefix match is the longest one.
constexpr std::array<const char*, 48> kOperators = {
    "**=", "//=", ">>=", "<<=", "...", "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->", ":=", "+=",
    "-=",  "*=",  "/=",  "%=",  "&=",  "|=", "^=", "@=", "+",  "-",  "*",  "/",  "%",  "@",  "&",  "|",
    "^",   "~",   "<",   ">",   "(",   ")",  "[",  "]",  "{",  "}",  ",",  ":",  ".",  ";",  "=",  "!"};

bool is_ident_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes one UTF-8 sequence at text[pos]; returns the code point and sets `len` (1 on bad
// input, so the caller always makes progress).
uint32_t decode_utf8(std::string_view text, size_t pos, size_t& len) {
  unsigned char c = text[pos];
  int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (pos + n > text.size() || n == 1) {
    len = 1;
    return c;
  }
  uint32_t cp = c & (0x3F >> (n - 1));
  for (int i = 1; i < n; ++i) cp = (cp << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
  len = n;
  return cp;
}

// Non-ASCII letters we accept in identifiers: Latin, Greek, Cyrillic, CJK and the like. Python
// accepts more; symbols such as arrows or math operators are rejected with a clear message.
bool is_unicode_letter(uint32_t cp) {
  return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F) ||
         (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

class Lexer {
 public:
  Lexer(const SourceFile* file, std::string_view text, SourceLoc start, bool fragment)
      : file_(file), text_(text), line_(start.line), col_(start.col), fragment_(fragment) {}

  // Makes the indentation of the text's first line the base level (a statement cut out of a
  // module at any depth).
  void indent_base_from_first_line() {
    int col8 = 0, col1 = 0;
    for (char c : text_) {
      if (c == ' ')
        ++col8, ++col1;
      else if (c == '\t')
        col8 = (col8 / 8 + 1) * 8, ++col1;
      else
        break;
    }
    indents_.front() = {col8, col1};
  }

  std::vector<Token> run() {
    bool at_line_start = !fragment_;
    while (true) {
      if (at_line_start) {
        handle_indentation();
        at_line_start = false;
      }
      skip_spaces();
      if (pos_ >= text_.size()) break;
      char c = peek();
      if (c == '#') {
        if (fragment_) throw UserError(here(), "f-string expression part cannot include '#'");
        while (pos_ < text_.size() && peek() != '\n') advance();
        continue;
      }
      if (c == '\n') {
        SourceLoc loc = here();
        advance();
        if (brackets_.empty() && !fragment_) {
          if (line_has_tokens_) emit(Tok::Newline, "", loc);
          line_has_tokens_ = false;
          at_line_start = true;
        }
        continue;
      }
      if (c == '\\') {
        lex_continuation();
        continue;
      }
      lex_token();
    }
    finish();
    return std::move(tokens_);
  }

 private:
  char peek(size_t k = 0) const { return pos_ + k < text_.size() ? text_[pos_ + k] : '\0'; }
  SourceLoc here() const { return SourceLoc{file_, line_, col_}; }
  void advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    ++pos_;
  }
  Token& emit(Tok kind, std::string text, SourceLoc loc) {
    Token t;
    t.kind = kind;
    t.text = std::move(text);
    t.loc = loc;
    tokens_.push_back(std::move(t));
    if (kind != Tok::Newline && kind != Tok::Indent && kind != Tok::Dedent) line_has_tokens_ = true;
    return tokens_.back();
  }

  void skip_spaces() {
    while (pos_ < text_.size()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\f')
        advance();
      else
        break;
    }
  }

  // At the start of a logical line: measure the indentation and emit INDENT/DEDENT. Blank and
  // comment-only lines are left for the main loop, which skips them without any token.
  void handle_indentation() {
    int col8 = 0, col1 = 0;
    size_t p = pos_;
    for (; p < text_.size(); ++p) {
      char c = text_[p];
      if (c == ' ') {
        ++col8;
        ++col1;
      } else if (c == '\t') {
        col8 = (col8 / 8 + 1) * 8;
        ++col1;
      } else if (c == '\f') {
        col8 = col1 = 0;
      } else {
        break;
      }
    }
    while (pos_ < p) advance();
    char c = peek();
    if (pos_ >= text_.size() || c == '#' || c == '\n') return;
    if (c == '\\' && peek(1) == '\n') return;
    SourceLoc loc = here();
    const char* tab_error = "inconsistent use of tabs and spaces in indentation";
    auto& top = indents_.back();
    if (col8 > top.first) {
      if (col1 <= top.second) throw UserError(loc, tab_error);
      if (indents_.size() > 100) throw UserError(loc, "too many levels of indentation");
      indents_.emplace_back(col8, col1);
      emit(Tok::Indent, "", loc);
      line_has_tokens_ = false;
      return;
    }
    while (col8 < indents_.back().first) {
      indents_.pop_back();
      emit(Tok::Dedent, "", loc);
      line_has_tokens_ = false;
    }
    if (col8 != indents_.back().first)
      throw UserError(loc, "unindent does not match any outer indentation level");
    if (col1 != indents_.back().second) throw UserError(loc, tab_error);
  }

  void lex_continuation() {
    SourceLoc loc = here();
    advance();
    if (peek() == '\n') {
      advance();
      if (pos_ >= text_.size()) throw UserError(loc, "unexpected EOF after line continuation character");
      return;
    }
    if (pos_ >= text_.size()) throw UserError(loc, "unexpected EOF after line continuation character");
    throw UserError(loc, "unexpected character after line continuation character");
  }

  void lex_token() {
    SourceLoc loc = here();
    unsigned char c = peek();
    if (is_ident_start(c) || c >= 0x80) {
      lex_name_or_string(loc);
    } else if (is_digit(c) || (c == '.' && is_digit(peek(1)))) {
      lex_number(loc);
    } else if (c == '\'' || c == '"') {
      lex_string(loc, "");
    } else {
      lex_operator(loc);
    }
  }

  void lex_name_or_string(SourceLoc loc) {
    size_t start = pos_;
    while (pos_ < text_.size()) {
      unsigned char c = peek();
      if (is_ident_start(c) || is_digit(c)) {
        advance();
      } else if (c >= 0x80) {
        size_t len;
        uint32_t cp = decode_utf8(text_, pos_, len);
        if (!is_unicode_letter(cp)) {
          char buf[16];
          snprintf(buf, sizeof buf, "U+%04X", cp);
          throw UserError(here(),
                          "invalid character '" + std::string(text_.substr(pos_, len)) + "' (" + buf + ")");
        }
        for (size_t i = 0; i < len; ++i) advance();
      } else {
        break;
      }
    }
    std::string word(text_.substr(start, pos_ - start));
    if ((peek() == '\'' || peek() == '"') && word.size() <= 2) {
      std::string lower;
      for (char ch : word) lower += static_cast<char>(ch | 0x20);
      static const char* prefixes[] = {"r", "b", "f", "u", "rb", "br", "fr", "rf"};
      for (const char* p : prefixes)
        if (lower == p) return lex_string(loc, lower);
    }
    emit(Tok::Name, std::move(word), loc);
  }

  // Reads digits of `base` allowing single underscores between digits; returns them without
  // underscores. An empty result means no digit was there.
  std::string read_digits(int base, SourceLoc loc, const char* kind) {
    std::string digits;
    while (pos_ < text_.size()) {
      char c = peek();
      if (c == '_') {
        int next = hex_value(peek(1));
        if (digits.empty() || next < 0 || next >= base)
          throw UserError(loc, std::string("invalid ") + kind + " literal");
        advance();
        continue;
      }
      int v = hex_value(c);
      if (v < 0 || v >= base) break;
      digits += c;
      advance();
    }
    return digits;
  }

  void lex_number(SourceLoc loc) {
    char c0 = peek(), c1 = static_cast<char>(peek(1) | 0x20);
    if (c0 == '0' && (c1 == 'x' || c1 == 'o' || c1 == 'b')) {
      int base = c1 == 'x' ? 16 : c1 == 'o' ? 8 : 2;
      const char* kind = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
      advance();
      advance();
      if (peek() == '_') advance();  // 0x_ff is valid Python
      std::string digits = read_digits(base, loc, kind);
      if (digits.empty() || is_ident_start(peek()) || is_digit(peek()))
        throw UserError(loc, std::string("invalid ") + kind + " literal");
      return emit_int(loc, digits, base);
    }
    std::string digits = read_digits(10, loc, "decimal");
    bool is_float = false;
    std::string spelled = digits;
    if (peek() == '.') {
      is_float = true;
      advance();
      spelled += '.';
      if (is_digit(peek())) spelled += read_digits(10, loc, "decimal");
    }
    if ((peek() | 0x20) == 'e' &&
        (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
      is_float = true;
      spelled += 'e';
      advance();
      if (peek() == '+' || peek() == '-') {
        spelled += peek();
        advance();
      }
      spelled += read_digits(10, loc, "decimal");
    }
    if ((peek() | 0x20) == 'j') throw UserError(loc, "complex literals are not supported");
    if (is_ident_start(peek()) || static_cast<unsigned char>(peek()) >= 0x80)
      throw UserError(loc, "invalid decimal literal");
    if (is_float) {
      Token& t = emit(Tok::Float, spelled, loc);
      std::from_chars(spelled.data(), spelled.data() + spelled.size(), t.float_value);
      return;
    }
    if (digits.size() > 1 && digits[0] == '0' && digits.find_first_not_of('0') != std::string::npos)
      throw UserError(
          loc,
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    emit_int(loc, digits, 10);
  }

  void emit_int(SourceLoc loc, const std::string& digits, int base) {
    uint64_t v = 0;
    for (char c : digits) {
      uint64_t d = static_cast<uint64_t>(hex_value(c));
      if (v > (UINT64_MAX - d) / base) throw UserError(loc, "integer literal too large");
      v = v * base + d;
    }
    if (v > static_cast<uint64_t>(INT64_MAX)) throw UserError(loc, "integer literal too large");
    Token& t = emit(Tok::Int, digits, loc);
    t.int_value = static_cast<int64_t>(v);
  }

  // `loc` is the start of the literal (its prefix); the opening quote is at pos_.
  void lex_string(SourceLoc loc, const std::string& prefix) {
    while (pos_ < text_.size() && peek() != '\'' && peek() != '"') advance();  // the prefix
    char quote = peek();
    bool triple = peek(1) == quote && peek(2) == quote;
    for (int i = 0; i < (triple ? 3 : 1); ++i) advance();
    SourceLoc body_loc = here();
    size_t start = pos_;
    while (true) {
      if (pos_ >= text_.size()) {
        std::string what =
            triple ? "unterminated triple-quoted string literal" : "unterminated string literal";
        throw UserError(loc, what + " (detected at line " + std::to_string(line_) + ")");
      }
      char c = peek();
      if (c == '\\') {
        advance();
        if (pos_ < text_.size()) advance();
        continue;
      }
      if (c == '\n' && !triple)
        throw UserError(loc, "unterminated string literal (detected at line " + std::to_string(line_) + ")");
      if (c == quote && (!triple || (peek(1) == quote && peek(2) == quote))) break;
      advance();
    }
    std::string_view body = text_.substr(start, pos_ - start);
    for (int i = 0; i < (triple ? 3 : 1); ++i) advance();
    bool raw = prefix.find('r') != std::string::npos;
    bool fstr = prefix.find('f') != std::string::npos;
    bool bytes = prefix.find('b') != std::string::npos;
    std::string text;
    if (fstr) {
      text = std::string(body);  // the parser splits it into literal parts and fields
    } else if (raw) {
      text = std::string(body);
    } else {
      text = decode_escapes(body, body_loc, bytes);
    }
    Token& t = emit(fstr ? Tok::FString : Tok::String, std::move(text), loc);
    t.body_loc = body_loc;
    t.is_raw = raw;
    t.is_bytes = bytes;
  }

  void lex_operator(SourceLoc loc) {
    for (const char* op : kOperators) {
      size_t n = std::strlen(op);
      if (text_.substr(pos_, n) != op) continue;
      if (n == 1 && op[0] == '!') break;  // '!' alone is not a Python operator
      for (size_t i = 0; i < n; ++i) advance();
      check_bracket(op[0], loc);
      emit(Tok::Op, op, loc);
      return;
    }
    unsigned char c = peek();
    if (c < 0x20 || c == 0x7F) {
      char buf[8];
      snprintf(buf, sizeof buf, "%02X", c);
      throw UserError(loc, std::string("invalid non-printable character U+00") + buf);
    }
    throw UserError(loc, std::string("unexpected character '") + static_cast<char>(c) + "'");
  }

  void check_bracket(char c, SourceLoc loc) {
    if (c == '(' || c == '[' || c == '{') {
      if (brackets_.size() >= 200) throw UserError(loc, "too many nested parentheses");
      brackets_.emplace_back(c, loc);
      return;
    }
    if (c != ')' && c != ']' && c != '}') return;
    if (brackets_.empty()) throw UserError(loc, std::string("unmatched '") + c + "'");
    auto [open, open_loc] = brackets_.back();
    char want = open == '(' ? ')' : open == '[' ? ']' : '}';
    if (c != want) {
      std::string msg =
          std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" + open + "'";
      if (open_loc.line != loc.line) msg += " on line " + std::to_string(open_loc.line);
      throw UserError(loc, msg);
    }
    brackets_.pop_back();
  }

  void finish() {
    if (!brackets_.empty()) {
      auto [open, open_loc] = brackets_.back();
      throw UserError(open_loc, std::string("'") + open + "' was never closed");
    }
    SourceLoc end = here();
    if (!fragment_) {
      if (line_has_tokens_) emit(Tok::Newline, "", end);
      while (indents_.size() > 1) {
        indents_.pop_back();
        emit(Tok::Dedent, "", end);
      }
    }
    emit(Tok::End, "", end);
  }

  const SourceFile* file_;
  std::string_view text_;
  size_t pos_ = 0;
  int line_, col_;
  bool fragment_;
  bool line_has_tokens_ = false;
  std::vector<std::pair<int, int>> indents_{{0, 0}};
  std::vector<std::pair<char, SourceLoc>> brackets_;
  std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> tokenize(const SourceFile* file) {
  return Lexer(file, file->text(), SourceLoc{file, 1, 1}, false).run();
}

std::vector<Token> tokenize_lines(const SourceFile* file, int first, int last) {
  std::string_view text = file->text();
  std::string_view first_line = file->line(first);
  size_t begin = static_cast<size_t>(first_line.data() - text.data());
  size_t end = text.size();
  if (last < file->line_count()) end = static_cast<size_t>(file->line(last + 1).data() - text.data());
  Lexer lexer(file, text.substr(begin, end - begin), SourceLoc{file, first, 1}, false);
  lexer.indent_base_from_first_line();
  return lexer.run();
}

std::vector<Token> tokenize_fragment(const SourceFile* file, std::string_view text, SourceLoc start) {
  return Lexer(file, text, start, true).run();
}

std::string decode_escapes(std::string_view raw, SourceLoc start, bool is_bytes) {
  std::string out;
  out.reserve(raw.size());
  int line = start.line, col = start.col;
  size_t i = 0;
  auto step = [&](size_t n) {
    for (size_t k = 0; k < n && i < raw.size(); ++k, ++i) {
      if (raw[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
  };
  while (i < raw.size()) {
    char c = raw[i];
    if (c != '\\' || i + 1 >= raw.size()) {
      out += c;
      step(1);
      continue;
    }
    SourceLoc loc{start.file, line, col};
    char e = raw[i + 1];
    switch (e) {
      case '\n': step(2); continue;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x':
      case 'u':
      case 'U': {
        if (e != 'x' && is_bytes) {
          out += '\\';
          out += e;
          break;
        }
        size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        uint32_t cp = 0;
        for (size_t k = 0; k < n; ++k) {
          int v = i + 2 + k < raw.size() ? hex_value(raw[i + 2 + k]) : -1;
          if (v < 0) throw UserError(loc, std::string("truncated \\") + e + std::string(n, 'X') + " escape");
          cp = cp * 16 + v;
        }
        if (cp > 0x10FFFF) throw UserError(loc, "illegal Unicode character in \\U escape");
        if (is_bytes)
          out += static_cast<char>(cp);
        else
          append_utf8(out, cp);
        step(2 + n);
        continue;
      }
      case 'N':
        if (!is_bytes) throw UserError(loc, "\\N{...} escapes are not supported");
        out += "\\N";
        break;
      default:
        if (e >= '0' && e <= '7') {
          uint32_t cp = 0;
          size_t n = 0;
          while (n < 3 && i + 1 + n < raw.size() && raw[i + 1 + n] >= '0' && raw[i + 1 + n] <= '7')
            cp = cp * 8 + (raw[i + 1 + n++] - '0');
          if (is_bytes)
            out += static_cast<char>(cp & 0xFF);
          else
            append_utf8(out, cp);
          step(1 + n);
          continue;
        }
        out += '\\';  // unknown escapes stay as written, as in Python
        out += e;
        break;
    }
    step(2);
  }
  return out;
}

bool is_keyword(std::string_view w) {
  static const char* const keywords[] = {
      "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
      "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
      "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
      "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
  for (const char* k : keywords)
    if (w == k) return true;
  return false;
}

}  // namespace nki

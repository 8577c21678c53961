// The parser, expression half: Python's expression grammar by precedence climbing through one
// function per level (lambda/if-else, or, and, not, comparisons, | ^ & shifts + - * / unary **),
// primaries (attributes, calls, subscripts and slices), atoms and displays, comprehensions,
// call arguments and parameter lists.
#include <set>

#include "frontend/parser_internal.h"
#include "support/diagnostics.h"

namespace nki::frontend_detail {

using ast::Expr;
using ast::ExprKind;

namespace {

ExprPtr make(ExprKind kind, SourceLoc loc) {
  return std::make_unique<Expr>(kind, loc);
}

ExprPtr make_starred(SourceLoc loc, ExprPtr value) {
  auto e = make(ExprKind::Starred, loc);
  e->a = std::move(value);
  return e;
}

// Binary operator levels, loosest first; parse_binary(kLevels) is a unary factor.
struct BinLevel {
  const char* ops[5];
  ast::BinaryOp kinds[5];
};
constexpr BinLevel kLevels[] = {
    {{"|"}, {ast::BinaryOp::BitOr}},
    {{"^"}, {ast::BinaryOp::BitXor}},
    {{"&"}, {ast::BinaryOp::BitAnd}},
    {{"<<", ">>"}, {ast::BinaryOp::LShift, ast::BinaryOp::RShift}},
    {{"+", "-"}, {ast::BinaryOp::Add, ast::BinaryOp::Sub}},
    {{"*", "/", "//", "%", "@"},
     {ast::BinaryOp::Mult, ast::BinaryOp::Div, ast::BinaryOp::FloorDiv, ast::BinaryOp::Mod,
      ast::BinaryOp::MatMult}},
};
constexpr int kNumLevels = sizeof(kLevels) / sizeof(kLevels[0]);

}  // namespace

bool Parser::can_start_expression(const Token& t) const {
  switch (t.kind) {
    case Tok::Name:
      return !is_keyword(t.text) || t.text == "True" || t.text == "False" || t.text == "None" ||
             t.text == "not" || t.text == "lambda";
    case Tok::Int:
    case Tok::Float:
    case Tok::String:
    case Tok::FString: return true;
    case Tok::Op:
      return t.text == "(" || t.text == "[" || t.text == "{" || t.text == "-" || t.text == "+" ||
             t.text == "~" || t.text == "..." || t.text == "*";
    default: return false;
  }
}

ExprPtr Parser::parse_star_expressions() {
  SourceLoc loc = peek().loc;
  ExprPtr first = parse_star_expression();
  if (!at_op(",")) return first;
  auto tuple = make(ExprKind::Tuple, loc);
  tuple->elts.push_back(std::move(first));
  while (accept_op(",")) {
    if (!can_start_expression(peek())) break;
    tuple->elts.push_back(parse_star_expression());
  }
  return tuple;
}

ExprPtr Parser::parse_star_expression() {
  if (!at_op("*")) return parse_expression();
  SourceLoc loc = next().loc;
  return make_starred(loc, parse_binary(0));
}

ExprPtr Parser::parse_target_list() {
  SourceLoc loc = peek().loc;
  auto item = [&]() -> ExprPtr {
    if (!at_op("*")) return parse_binary(0);
    SourceLoc sloc = next().loc;
    return make_starred(sloc, parse_binary(0));
  };
  ExprPtr first = item();
  if (!at_op(",")) return first;
  auto tuple = make(ExprKind::Tuple, loc);
  tuple->elts.push_back(std::move(first));
  while (accept_op(",")) {
    if (!can_start_expression(peek()) || at_kw("not")) break;
    tuple->elts.push_back(item());
  }
  return tuple;
}

ExprPtr Parser::parse_named_expression() {
  if (peek().kind == Tok::Name && at_op(":=", 1))
    fail(peek(1), "assignment expressions (':=') are not supported");
  ExprPtr e = parse_expression();
  if (at_op(":=")) fail(peek(), "assignment expressions (':=') are not supported");
  return e;
}

ExprPtr Parser::parse_expression() {
  DepthGuard guard(*this);
  if (at_kw("lambda")) return parse_lambda();
  SourceLoc loc = peek().loc;
  ExprPtr body = parse_disjunction();
  if (!at_kw("if")) return body;
  next();
  auto e = make(ExprKind::IfExp, loc);
  e->b = std::move(body);
  e->a = parse_disjunction();
  if (!accept_kw("else")) fail(peek(), "expected 'else' after 'if' expression");
  e->c = parse_expression();
  return e;
}

ExprPtr Parser::parse_lambda() {
  auto e = make(ExprKind::Lambda, next().loc);
  e->params = parse_params(":", false);
  e->a = parse_expression();
  return e;
}

// `a or b or ...` / `a and b and ...`: one BoolOp over every operand, or the operand alone.
ExprPtr Parser::parse_bool_chain(const char* keyword, ast::BoolOpKind kind, ExprPtr (Parser::*operand)()) {
  SourceLoc loc = peek().loc;
  ExprPtr first = (this->*operand)();
  if (!at_kw(keyword)) return first;
  auto e = make(ExprKind::BoolOp, loc);
  e->bool_op = kind;
  e->elts.push_back(std::move(first));
  while (accept_kw(keyword)) e->elts.push_back((this->*operand)());
  return e;
}

ExprPtr Parser::parse_disjunction() {
  return parse_bool_chain("or", ast::BoolOpKind::Or, &Parser::parse_conjunction);
}

ExprPtr Parser::parse_conjunction() {
  return parse_bool_chain("and", ast::BoolOpKind::And, &Parser::parse_inversion);
}

ExprPtr Parser::parse_inversion() {
  if (!at_kw("not")) return parse_comparison();
  DepthGuard guard(*this);
  auto e = make(ExprKind::UnaryOp, next().loc);
  e->unary_op = ast::UnaryOpKind::Not;
  e->a = parse_inversion();
  return e;
}

ExprPtr Parser::parse_comparison() {
  SourceLoc loc = peek().loc;
  ExprPtr left = parse_binary(0);
  ExprPtr cmp;
  while (true) {
    const Token& t = peek();
    ast::CmpOp op;
    size_t width = 1;
    if (t.kind == Tok::Op && t.text == "==")
      op = ast::CmpOp::Eq;
    else if (t.kind == Tok::Op && t.text == "!=")
      op = ast::CmpOp::NotEq;
    else if (t.kind == Tok::Op && t.text == "<")
      op = ast::CmpOp::Lt;
    else if (t.kind == Tok::Op && t.text == "<=")
      op = ast::CmpOp::LtE;
    else if (t.kind == Tok::Op && t.text == ">")
      op = ast::CmpOp::Gt;
    else if (t.kind == Tok::Op && t.text == ">=")
      op = ast::CmpOp::GtE;
    else if (at_kw("in"))
      op = ast::CmpOp::In;
    else if (at_kw("not") && at_kw("in", 1))
      op = ast::CmpOp::NotIn, width = 2;
    else if (at_kw("is") && at_kw("not", 1))
      op = ast::CmpOp::IsNot, width = 2;
    else if (at_kw("is"))
      op = ast::CmpOp::Is;
    else
      break;
    pos_ += width;
    if (!cmp) {
      cmp = make(ExprKind::Compare, loc);
      cmp->a = std::move(left);
    }
    cmp->cmp_ops.push_back(op);
    cmp->elts.push_back(parse_binary(0));
  }
  return cmp ? std::move(cmp) : std::move(left);
}

ExprPtr Parser::parse_binary(int level) {
  if (level == kNumLevels) return parse_factor();
  SourceLoc loc = peek().loc;
  ExprPtr left = parse_binary(level + 1);
  const BinLevel& lv = kLevels[level];
  ChainDepth chain(*this);
  while (peek().kind == Tok::Op) {
    int found = -1;
    for (int i = 0; i < 5 && lv.ops[i]; ++i)
      if (peek().text == lv.ops[i]) found = i;
    if (found < 0) break;
    chain.add();
    next();
    auto e = make(ExprKind::BinOp, loc);
    e->bin_op = lv.kinds[found];
    e->a = std::move(left);
    e->b = parse_binary(level + 1);
    left = std::move(e);
  }
  return left;
}

ExprPtr Parser::parse_factor() {
  DepthGuard guard(*this);
  const Token& t = peek();
  if (t.kind == Tok::Op && (t.text == "-" || t.text == "+" || t.text == "~")) {
    auto e = make(ExprKind::UnaryOp, next().loc);
    e->unary_op = t.text == "-"   ? ast::UnaryOpKind::Neg
                  : t.text == "+" ? ast::UnaryOpKind::Pos
                                  : ast::UnaryOpKind::Invert;
    e->a = parse_factor();
    return e;
  }
  return parse_power();
}

ExprPtr Parser::parse_power() {
  SourceLoc loc = peek().loc;
  ExprPtr base = parse_primary();
  if (!accept_op("**")) return base;
  auto e = make(ExprKind::BinOp, loc);
  e->bin_op = ast::BinaryOp::Pow;
  e->a = std::move(base);
  e->b = parse_factor();  // right-associative, and `2 ** -1` is allowed
  return e;
}

ExprPtr Parser::parse_primary() {
  DepthGuard guard(*this);
  SourceLoc loc = peek().loc;
  ExprPtr e = parse_atom();
  ChainDepth chain(*this);
  while (true) {
    if (at_op(".") || at_op("(") || at_op("[")) chain.add();
    if (accept_op(".")) {
      auto attr = make(ExprKind::Attribute, loc);
      attr->a = std::move(e);
      attr->id = expect_name();
      e = std::move(attr);
    } else if (accept_op("(")) {
      auto call = make(ExprKind::Call, loc);
      call->a = std::move(e);
      parse_call_arguments(*call, true);
      e = std::move(call);
    } else if (accept_op("[")) {
      auto sub = make(ExprKind::Subscript, loc);
      sub->a = std::move(e);
      sub->b = parse_subscript_index();
      expect_op("]");
      e = std::move(sub);
    } else {
      return e;
    }
  }
}

ExprPtr Parser::parse_subscript_index() {
  SourceLoc loc = peek().loc;
  if (at_op("]")) fail_syntax(peek());
  ExprPtr first = parse_slice_item();
  if (!at_op(",")) return first;
  auto tuple = make(ExprKind::Tuple, loc);
  tuple->elts.push_back(std::move(first));
  while (accept_op(",")) {
    if (at_op("]")) break;
    tuple->elts.push_back(parse_slice_item());
  }
  return tuple;
}

ExprPtr Parser::parse_slice_item() {
  SourceLoc loc = peek().loc;
  if (at_op("*")) {
    next();
    return make_starred(loc, parse_binary(0));
  }
  ExprPtr lower;
  if (!at_op(":")) {
    lower = parse_named_expression();
    if (!at_op(":")) return lower;
  }
  next();
  auto s = make(ExprKind::Slice, loc);
  s->a = std::move(lower);
  auto ends_part = [&] { return at_op(":") || at_op(",") || at_op("]"); };
  if (!ends_part()) s->b = parse_expression();
  if (accept_op(":") && !at_op(",") && !at_op("]")) s->c = parse_expression();
  return s;
}

ExprPtr Parser::parse_atom() {
  const Token& t = peek();
  switch (t.kind) {
    case Tok::Name: {
      if (t.text == "True" || t.text == "False" || t.text == "None") {
        auto e = make(ExprKind::Constant, next().loc);
        e->const_kind = t.text == "None" ? ast::ConstKind::None : ast::ConstKind::Bool;
        e->bool_value = t.text == "True";
        return e;
      }
      if (is_keyword(t.text)) fail_syntax(t);
      auto e = make(ExprKind::Name, next().loc);
      e->id = t.text;
      return e;
    }
    case Tok::Int: {
      auto e = make(ExprKind::Constant, next().loc);
      e->const_kind = ast::ConstKind::Int;
      e->int_value = t.int_value;
      return e;
    }
    case Tok::Float: {
      auto e = make(ExprKind::Constant, next().loc);
      e->const_kind = ast::ConstKind::Float;
      e->float_value = t.float_value;
      return e;
    }
    case Tok::String:
    case Tok::FString: return parse_strings();
    case Tok::Op:
      if (t.text == "(") return parse_paren_atom();
      if (t.text == "[") return parse_list_atom();
      if (t.text == "{") return parse_brace_atom();
      if (t.text == "...") {
        auto e = make(ExprKind::Constant, next().loc);
        e->const_kind = ast::ConstKind::Ellipsis;
        return e;
      }
      break;
    default: break;
  }
  fail_syntax(t);
}

ExprPtr Parser::parse_paren_atom() {
  SourceLoc loc = next().loc;
  if (accept_op(")")) return make(ExprKind::Tuple, loc);
  if (at_kw("yield")) fail_syntax(peek());
  auto element = [&]() -> ExprPtr {
    if (!at_op("*")) return parse_named_expression();
    SourceLoc sloc = next().loc;
    return make_starred(sloc, parse_binary(0));
  };
  ExprPtr first = element();
  if (at_kw("for")) {
    if (first->kind == ExprKind::Starred)
      fail(first->loc, "iterable unpacking cannot be used in comprehension");
    auto gen = make(ExprKind::GeneratorExp, loc);
    gen->a = std::move(first);
    gen->generators = parse_comprehension_clauses();
    expect_op(")");
    return gen;
  }
  if (accept_op(")")) {
    if (first->kind == ExprKind::Starred) fail(first->loc, "cannot use starred expression here");
    return first;
  }
  auto tuple = make(ExprKind::Tuple, loc);
  tuple->elts.push_back(std::move(first));
  expect_op(",");
  while (!at_op(")")) {
    tuple->elts.push_back(element());
    if (!accept_op(",")) break;
  }
  expect_op(")");
  return tuple;
}

ExprPtr Parser::parse_list_atom() {
  SourceLoc loc = next().loc;
  auto list = make(ExprKind::List, loc);
  if (accept_op("]")) return list;
  auto element = [&]() -> ExprPtr {
    if (!at_op("*")) return parse_named_expression();
    SourceLoc sloc = next().loc;
    return make_starred(sloc, parse_binary(0));
  };
  ExprPtr first = element();
  if (at_kw("for")) {
    if (first->kind == ExprKind::Starred)
      fail(first->loc, "iterable unpacking cannot be used in comprehension");
    auto comp = make(ExprKind::ListComp, loc);
    comp->a = std::move(first);
    comp->generators = parse_comprehension_clauses();
    expect_op("]");
    return comp;
  }
  list->elts.push_back(std::move(first));
  while (accept_op(",")) {
    if (at_op("]")) break;
    list->elts.push_back(element());
  }
  expect_op("]");
  return list;
}

ExprPtr Parser::parse_brace_atom() {
  SourceLoc loc = next().loc;
  auto dict = make(ExprKind::Dict, loc);
  if (accept_op("}")) return dict;
  bool first = true;
  do {
    if (!first && at_op("}")) break;
    if (accept_op("**")) {
      dict->keys.push_back(nullptr);
      dict->elts.push_back(parse_binary(0));
    } else {
      if (at_op("*")) fail(loc, "set literals are not supported");
      ExprPtr key = parse_expression();
      if (!at_op(":")) {
        if (first && at_kw("for")) fail(loc, "set comprehensions are not supported");
        if (first) fail(loc, "set literals are not supported");
        fail(peek(), "expected ':'");
      }
      next();
      ExprPtr value = parse_expression();
      if (first && at_kw("for")) {
        auto comp = make(ExprKind::DictComp, loc);
        comp->a = std::move(key);
        comp->b = std::move(value);
        comp->generators = parse_comprehension_clauses();
        expect_op("}");
        return comp;
      }
      dict->keys.push_back(std::move(key));
      dict->elts.push_back(std::move(value));
    }
    first = false;
  } while (accept_op(","));
  expect_op("}");
  return dict;
}

std::vector<ast::Comprehension> Parser::parse_comprehension_clauses() {
  std::vector<ast::Comprehension> gens;
  while (at_kw("for")) {
    next();
    ast::Comprehension c;
    c.target = parse_target_list();
    check_target(*c.target, "assign");
    if (!accept_kw("in")) fail_syntax(peek());
    c.iter = parse_disjunction();
    while (accept_kw("if")) c.ifs.push_back(parse_disjunction());
    gens.push_back(std::move(c));
  }
  if (at_kw("async")) fail(peek(), "'async' is not supported");
  return gens;
}

// After the '(' of a call (or class bases). Keywords go to call.keywords, everything else
// (Starred for *x) to call.elts. A generator expression may be the sole argument.
void Parser::parse_call_arguments(Expr& call, bool allow_generator) {
  bool seen_unpack = false;
  std::set<std::string> names;
  while (!at_op(")")) {
    const Token& t = peek();
    if (at_op("*")) {
      SourceLoc loc = next().loc;
      if (seen_unpack) fail(loc, "iterable argument unpacking follows keyword argument unpacking");
      call.elts.push_back(make_starred(loc, parse_expression()));
    } else if (at_op("**")) {
      SourceLoc loc = next().loc;
      call.keywords.push_back(ast::Keyword{"", parse_expression(), loc});
      seen_unpack = true;
    } else if (t.kind == Tok::Name && !is_keyword(t.text) && at_op("=", 1)) {
      next();
      next();
      if (!names.insert(t.text).second) fail(t, "keyword argument repeated: " + t.text);
      call.keywords.push_back(ast::Keyword{t.text, parse_expression(), t.loc});
    } else {
      ExprPtr e = parse_named_expression();
      if (at_kw("for")) {
        auto gen = make(ExprKind::GeneratorExp, e->loc);
        gen->a = std::move(e);
        gen->generators = parse_comprehension_clauses();
        if (!allow_generator || !call.elts.empty() || !call.keywords.empty() || !at_op(")"))
          fail(gen->loc, "Generator expression must be parenthesized");
        e = std::move(gen);
      }
      if (at_op("=")) fail(e->loc, "expression cannot contain assignment, perhaps you meant \"==\"?");
      if (!call.keywords.empty())
        fail(e->loc, seen_unpack ? "positional argument follows keyword argument unpacking"
                                 : "positional argument follows keyword argument");
      call.elts.push_back(std::move(e));
    }
    if (!accept_op(",")) break;
  }
  expect_op(")");
}

// Parameters up to and including `terminator` (")" for def, ":" for lambda).
std::vector<ast::Param> Parser::parse_params(const char* terminator, bool allow_annotations) {
  using Kind = ast::Param::Kind;
  std::vector<ast::Param> params;
  bool seen_default = false, seen_star = false, seen_kwargs = false;
  std::set<std::string> names;
  while (!at_op(terminator)) {
    const Token& t = peek();
    if (seen_kwargs) fail(t, "arguments cannot follow var-keyword argument");
    if (at_op("/")) fail(t, "positional-only parameters ('/') are not supported");
    ast::Param p;
    p.loc = t.loc;
    if (accept_op("*")) {
      if (seen_star) fail(t, "* argument may appear only once");
      seen_star = true;
      if (at_op(",") || at_op(terminator)) {
        p.kind = Kind::KwOnlyMarker;
        if (at_op(terminator) || at_op(terminator, 1) || at_op("**", 1))
          fail(t, "named arguments must follow bare *");
      } else {
        p.kind = Kind::VarArgs;
        p.name = expect_name();
        if (allow_annotations && accept_op(":")) p.annotation = parse_expression();
        if (at_op("=")) fail(peek(), "var-positional argument cannot have default value");
      }
    } else if (accept_op("**")) {
      p.kind = Kind::KwArgs;
      p.name = expect_name();
      if (allow_annotations && accept_op(":")) p.annotation = parse_expression();
      if (at_op("=")) fail(peek(), "var-keyword argument cannot have default value");
      seen_kwargs = true;
    } else {
      p.name = expect_name();
      if (allow_annotations && accept_op(":")) p.annotation = parse_expression();
      if (accept_op("=")) {
        p.default_value = parse_expression();
        seen_default = true;
      } else if (seen_default && !seen_star) {
        fail(p.loc, "parameter without a default follows parameter with a default");
      }
    }
    if (!p.name.empty() && !names.insert(p.name).second)
      fail(p.loc, "duplicate argument '" + p.name + "' in function definition");
    params.push_back(std::move(p));
    if (!accept_op(",")) break;
  }
  if (!accept_op(terminator)) fail_syntax(peek());
  return params;
}

ExprPtr Parser::parse_fragment_expression() {
  ExprPtr e = parse_star_expressions();
  if (!at(Tok::End)) fail_syntax(peek());
  return e;
}

}  // namespace nki::frontend_detail

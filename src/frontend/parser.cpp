// The parser, statement half: modules, blocks, simple and compound statements, assignment
// targets. Expressions live in parser_expr.cpp, string literals in parser_fstring.cpp.
#include "frontend/parser.h"

#include <set>

#include "frontend/parser_internal.h"
#include "support/diagnostics.h"

namespace nki {

namespace frontend_detail {

using ast::ExprKind;
using ast::Stmt;
using ast::StmtKind;
using ast::StmtPtr;

// ---- token helpers ---------------------------------------------------------------------------

bool Parser::accept_op(const char* op) {
  if (!at_op(op)) return false;
  next();
  return true;
}

bool Parser::accept_kw(const char* kw) {
  if (!at_kw(kw)) return false;
  next();
  return true;
}

void Parser::expect_op(const char* op) {
  if (!accept_op(op)) fail_syntax(peek());
}

void Parser::expect_colon() {
  if (accept_op(":")) return;
  if (at_op("=")) fail(peek(), "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
  fail(peek(), "expected ':'");
}

std::string Parser::expect_name() {
  const Token& t = peek();
  if (t.kind != Tok::Name || is_keyword(t.text)) fail_syntax(t);
  return next().text;
}

void Parser::fail(const Token& t, const std::string& message) const {
  throw UserError(t.loc, message);
}
void Parser::fail(SourceLoc loc, const std::string& message) const {
  throw UserError(loc, message);
}

void Parser::fail_syntax(const Token& t) const {
  if (t.kind == Tok::Indent) fail(t, "unexpected indent");
  if (t.kind == Tok::Name && t.text == "yield") fail(t, "'yield' is not supported");
  if (t.kind == Tok::Name && (t.text == "async" || t.text == "await"))
    fail(t, "'" + t.text + "' is not supported");
  fail(t, "invalid syntax");
}

// ---- assignment targets ----------------------------------------------------------------------

namespace {

// What CPython calls an expression that cannot be a target ("cannot assign to <this>").
std::string describe(const ast::Expr& e) {
  switch (e.kind) {
    case ExprKind::Call: return "function call";
    case ExprKind::Constant:
      switch (e.const_kind) {
        case ast::ConstKind::None: return "None";
        case ast::ConstKind::Bool: return e.bool_value ? "True" : "False";
        case ast::ConstKind::Ellipsis: return "ellipsis";
        default: return "literal";
      }
    case ExprKind::FString: return "f-string expression";
    case ExprKind::Compare: return "comparison";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::Lambda: return "lambda";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::ListComp: return "list comprehension";
    case ExprKind::DictComp: return "dict comprehension";
    case ExprKind::GeneratorExp: return "generator expression";
    case ExprKind::Tuple: return "tuple";
    case ExprKind::List: return "list";
    case ExprKind::Starred: return "starred";
    default: return "expression";
  }
}

}  // namespace

void check_target(const ast::Expr& e, const char* ctx) {
  std::string c = ctx;
  switch (e.kind) {
    case ExprKind::Name:
    case ExprKind::Attribute:
    case ExprKind::Subscript: return;
    case ExprKind::Tuple:
    case ExprKind::List:
      if (c == "augmented") break;
      {
        int starred = 0;
        for (const auto& elt : e.elts) {
          if (elt->kind == ExprKind::Starred) {
            if (c == "delete") throw UserError(elt->loc, "cannot delete starred");
            if (++starred > 1) throw UserError(elt->loc, "multiple starred expressions in assignment");
            check_target(*elt->a, ctx);
          } else {
            check_target(*elt, ctx);
          }
        }
      }
      return;
    case ExprKind::Starred:
      if (c == "assign") throw UserError(e.loc, "starred assignment target must be in a list or tuple");
      break;
    default: break;
  }
  if (c == "augmented")
    throw UserError(
        e.loc, std::string("'").append(describe(e)) + "' is an illegal expression for augmented assignment");
  throw UserError(e.loc, std::string(c == "delete" ? "cannot delete " : "cannot assign to ") + describe(e));
}

// ---- module and blocks -----------------------------------------------------------------------

std::unique_ptr<ast::Module> Parser::parse_file() {
  auto module = std::make_unique<ast::Module>();
  module->file = file_;
  while (!at(Tok::End)) parse_statement(module->body);
  take_docstring(module->body, module->docstring);
  return module;
}

void Parser::take_docstring(ast::Body& body, std::string& docstring) {
  if (body.empty()) return;
  const Stmt& first = *body.front();
  if (first.kind != StmtKind::Expr || first.value->kind != ExprKind::Constant ||
      first.value->const_kind != ast::ConstKind::Str)
    return;
  docstring = first.value->str_value;
  body.erase(body.begin());
}

ast::Body Parser::parse_block(const std::string& what, int header_line) {
  ast::Body body;
  if (!at(Tok::Newline)) {  // `if x: pass` — simple statements on the header line
    parse_simple_statements(body);
    return body;
  }
  next();
  if (!at(Tok::Indent))
    fail(peek(), "expected an indented block after " + what + " on line " + std::to_string(header_line));
  next();
  while (!at(Tok::Dedent) && !at(Tok::End)) parse_statement(body);
  if (at(Tok::Dedent)) next();
  return body;
}

void Parser::parse_else_block(ast::Body& orelse) {
  if (!at_kw("else")) return;
  int line = next().loc.line;
  expect_colon();
  orelse = parse_block("'else' statement", line);
}

// ---- statements ------------------------------------------------------------------------------

void Parser::parse_statement(ast::Body& out) {
  DepthGuard guard(*this);
  const Token& t = peek();
  if (t.kind == Tok::Indent) fail(t, "unexpected indent");
  if (t.kind == Tok::Op && t.text == "@") {
    out.push_back(parse_decorated());
    return;
  }
  if (t.kind == Tok::Name) {
    const std::string& w = t.text;
    if (w == "if") return out.push_back(parse_if(false));
    if (w == "for") return out.push_back(parse_for());
    if (w == "while") return out.push_back(parse_while());
    if (w == "with") return out.push_back(parse_with());
    if (w == "try") return out.push_back(parse_try());
    if (w == "def") return out.push_back(parse_def({}));
    if (w == "class") return out.push_back(parse_class({}));
    if (w == "async") fail(t, "'async' is not supported");
  }
  parse_simple_statements(out);
}

void Parser::parse_simple_statements(ast::Body& out) {
  while (true) {
    out.push_back(parse_simple_statement());
    if (!accept_op(";")) break;
    if (at(Tok::Newline)) break;
  }
  if (!at(Tok::Newline)) fail_syntax(peek());
  next();
}

StmtPtr Parser::parse_simple_statement() {
  const Token& t = peek();
  SourceLoc loc = t.loc;
  if (t.kind != Tok::Name) return parse_expression_statement();
  const std::string& w = t.text;
  if (w == "pass" || w == "break" || w == "continue") {
    next();
    if (w == "pass") return std::make_unique<Stmt>(StmtKind::Pass, loc);
    if (!in_loop_) fail(loc, "'" + w + "' " + (w == "break" ? "outside loop" : "not properly in loop"));
    return std::make_unique<Stmt>(w == "break" ? StmtKind::Break : StmtKind::Continue, loc);
  }
  if (w == "return") {
    next();
    if (!in_function_) fail(loc, "'return' outside function");
    auto s = std::make_unique<Stmt>(StmtKind::Return, loc);
    if (!at(Tok::Newline) && !at_op(";")) s->value = parse_star_expressions();
    return s;
  }
  if (w == "raise") {
    next();
    auto s = std::make_unique<Stmt>(StmtKind::Raise, loc);
    if (!at(Tok::Newline) && !at_op(";")) {
      s->value = parse_expression();
      if (accept_kw("from")) s->msg = parse_expression();
    }
    return s;
  }
  if (w == "global" || w == "nonlocal") {
    next();
    if (w == "nonlocal" && !in_function_) fail(loc, "nonlocal declaration not allowed at module level");
    auto s = std::make_unique<Stmt>(w == "global" ? StmtKind::Global : StmtKind::Nonlocal, loc);
    do {
      SourceLoc nloc = peek().loc;
      s->names.push_back(ast::Alias{expect_name(), "", nloc});
    } while (accept_op(","));
    return s;
  }
  if (w == "del") {
    next();
    auto s = std::make_unique<Stmt>(StmtKind::Delete, loc);
    do {
      if (at(Tok::Newline) || at_op(";")) break;  // trailing comma
      auto target = parse_binary(0);
      check_target(*target, "delete");
      s->targets.push_back(std::move(target));
    } while (accept_op(","));
    if (s->targets.empty()) fail_syntax(peek());
    return s;
  }
  if (w == "assert") {
    next();
    auto s = std::make_unique<Stmt>(StmtKind::Assert, loc);
    s->test = parse_expression();
    if (accept_op(",")) s->msg = parse_expression();
    return s;
  }
  if (w == "import") return parse_import();
  if (w == "from") return parse_from_import();
  return parse_expression_statement();
}

StmtPtr Parser::parse_expression_statement() {
  SourceLoc loc = peek().loc;
  ExprPtr first = parse_star_expressions();
  const Token& t = peek();
  if (t.kind == Tok::Op && t.text == "=") {
    auto s = std::make_unique<Stmt>(StmtKind::Assign, loc);
    s->targets.push_back(std::move(first));
    while (accept_op("=")) {
      if (at_kw("yield")) fail_syntax(peek());
      s->value = parse_star_expressions();
      if (at_op("=")) s->targets.push_back(std::move(s->value));
    }
    for (const auto& target : s->targets) check_target(*target, "assign");
    return s;
  }
  static const std::set<std::string> aug_ops = {
      "+=", "-=", "*=", "@=", "/=", "//=", "%=", "**=", "<<=", ">>=", "|=", "^=", "&="};
  if (t.kind == Tok::Op && aug_ops.count(t.text)) {
    check_target(*first, "augmented");
    std::string op = next().text;
    op.pop_back();
    static const std::pair<const char*, ast::BinaryOp> bin_ops[] = {
        {"+", ast::BinaryOp::Add},     {"-", ast::BinaryOp::Sub},   {"*", ast::BinaryOp::Mult},
        {"@", ast::BinaryOp::MatMult}, {"/", ast::BinaryOp::Div},   {"//", ast::BinaryOp::FloorDiv},
        {"%", ast::BinaryOp::Mod},     {"**", ast::BinaryOp::Pow},  {"<<", ast::BinaryOp::LShift},
        {">>", ast::BinaryOp::RShift}, {"|", ast::BinaryOp::BitOr}, {"^", ast::BinaryOp::BitXor},
        {"&", ast::BinaryOp::BitAnd}};
    auto s = std::make_unique<Stmt>(StmtKind::AugAssign, loc);
    for (const auto& [sym, bop] : bin_ops)
      if (op == sym) s->aug_op = bop;
    s->target = std::move(first);
    s->value = parse_star_expressions();
    return s;
  }
  if (t.kind == Tok::Op && t.text == ":") {
    if (first->kind == ExprKind::Tuple || first->kind == ExprKind::List)
      fail(first->loc, std::string("only single target (not ") +
                           (first->kind == ExprKind::Tuple ? "tuple" : "list") + ") can be annotated");
    if (first->kind != ExprKind::Name && first->kind != ExprKind::Attribute &&
        first->kind != ExprKind::Subscript)
      fail(first->loc, "illegal target for annotation");
    next();
    auto s = std::make_unique<Stmt>(StmtKind::AnnAssign, loc);
    s->target = std::move(first);
    s->annotation = parse_expression();
    if (accept_op("=")) s->value = parse_star_expressions();
    return s;
  }
  if (first->kind == ExprKind::Starred) fail(first->loc, "can't use starred expression here");
  auto s = std::make_unique<Stmt>(StmtKind::Expr, loc);
  s->value = std::move(first);
  return s;
}

StmtPtr Parser::parse_import() {
  auto s = std::make_unique<Stmt>(StmtKind::Import, next().loc);
  do {
    ast::Alias alias;
    alias.loc = peek().loc;
    alias.name = expect_name();
    while (accept_op(".")) alias.name.append(".").append(expect_name());
    if (accept_kw("as")) alias.asname = expect_name();
    s->names.push_back(std::move(alias));
  } while (accept_op(","));
  return s;
}

StmtPtr Parser::parse_from_import() {
  auto s = std::make_unique<Stmt>(StmtKind::ImportFrom, next().loc);
  while (at_op(".") || at_op("...")) s->level += static_cast<int>(next().text.size());
  if (!at_kw("import") || s->level == 0) {
    s->module = expect_name();
    while (accept_op(".")) s->module.append(".").append(expect_name());
  }
  if (!accept_kw("import")) fail_syntax(peek());
  if (at_op("*")) {
    s->names.push_back(ast::Alias{"*", "", next().loc});
    return s;
  }
  bool parens = accept_op("(");
  while (true) {
    ast::Alias alias;
    alias.loc = peek().loc;
    alias.name = expect_name();
    if (accept_kw("as")) alias.asname = expect_name();
    s->names.push_back(std::move(alias));
    if (!at_op(",")) break;
    const Token& comma = next();
    if (parens && at_op(")")) break;
    if (!parens && (at(Tok::Newline) || at_op(";")))
      fail(comma, "trailing comma not allowed without surrounding parentheses");
  }
  if (parens) expect_op(")");
  return s;
}

StmtPtr Parser::parse_if(bool is_elif) {
  const Token& kw = next();
  auto s = std::make_unique<Stmt>(StmtKind::If, kw.loc);
  int line = kw.loc.line;
  s->test = parse_named_expression();
  expect_colon();
  s->body = parse_block(is_elif ? "'elif' statement" : "'if' statement", line);
  if (at_kw("elif"))
    s->orelse.push_back(parse_if(true));
  else
    parse_else_block(s->orelse);
  return s;
}

StmtPtr Parser::parse_for() {
  const Token& kw = next();
  auto s = std::make_unique<Stmt>(StmtKind::For, kw.loc);
  int line = kw.loc.line;
  s->target = parse_target_list();
  check_target(*s->target, "assign");
  if (!accept_kw("in")) fail_syntax(peek());
  s->iter = parse_star_expressions();
  expect_colon();
  bool saved = in_loop_;
  in_loop_ = true;
  s->body = parse_block("'for' statement", line);
  in_loop_ = saved;
  parse_else_block(s->orelse);
  return s;
}

StmtPtr Parser::parse_while() {
  const Token& kw = next();
  auto s = std::make_unique<Stmt>(StmtKind::While, kw.loc);
  int line = kw.loc.line;
  s->test = parse_named_expression();
  expect_colon();
  bool saved = in_loop_;
  in_loop_ = true;
  s->body = parse_block("'while' statement", line);
  in_loop_ = saved;
  parse_else_block(s->orelse);
  return s;
}

StmtPtr Parser::parse_with() {
  const Token& kw = next();
  auto s = std::make_unique<Stmt>(StmtKind::With, kw.loc);
  int line = kw.loc.line;
  do {
    ast::WithItem item;
    item.context = parse_expression();
    if (accept_kw("as")) {
      item.target = parse_binary(0);  // one target: `with a as b, c` is two items
      check_target(*item.target, "assign");
    }
    s->items.push_back(std::move(item));
  } while (accept_op(","));
  expect_colon();
  s->body = parse_block("'with' statement", line);
  return s;
}

StmtPtr Parser::parse_try() {
  const Token& kw = next();
  auto s = std::make_unique<Stmt>(StmtKind::Try, kw.loc);
  int line = kw.loc.line;
  expect_colon();
  s->body = parse_block("'try' statement", line);
  // Handlers are parsed for syntax only: the specializer rejects `try` as a whole.
  bool any = false;
  while (at_kw("except")) {
    int hline = next().loc.line;
    if (at_op("*")) fail(peek(), "'except*' is not supported");
    if (!at_op(":")) {
      parse_expression();
      if (accept_kw("as")) expect_name();
    }
    expect_colon();
    parse_block("'except' statement", hline);
    any = true;
  }
  if (any && at_kw("else")) {
    ast::Body ignored;
    parse_else_block(ignored);
  }
  if (at_kw("finally")) {
    int fline = next().loc.line;
    expect_colon();
    parse_block("'finally' statement", fline);
    any = true;
  }
  if (!any) fail(peek(), "expected 'except' or 'finally' block");
  return s;
}

StmtPtr Parser::parse_decorated() {
  std::vector<ExprPtr> decorators;
  while (accept_op("@")) {
    decorators.push_back(parse_named_expression());
    if (!at(Tok::Newline)) fail_syntax(peek());
    next();
  }
  if (at_kw("def")) return parse_def(std::move(decorators));
  if (at_kw("class")) return parse_class(std::move(decorators));
  if (at_kw("async")) fail(peek(), "'async' is not supported");
  fail(peek(), "expected 'def' or 'class' after decorator");
}

StmtPtr Parser::parse_def(std::vector<ExprPtr> decorators) {
  const Token& kw = next();
  auto s = std::make_unique<Stmt>(StmtKind::FunctionDef, kw.loc);
  int line = kw.loc.line;
  s->decorators = std::move(decorators);
  s->name = expect_name();
  if (!at_op("(")) fail(peek(), "expected '('");
  next();
  s->params = parse_params(")", true);
  if (accept_op("->")) s->returns = parse_expression();
  expect_colon();
  bool saved_fn = in_function_, saved_loop = in_loop_;
  in_function_ = true;
  in_loop_ = false;
  s->body = parse_block("function definition", line);
  in_function_ = saved_fn;
  in_loop_ = saved_loop;
  take_docstring(s->body, s->docstring);
  return s;
}

StmtPtr Parser::parse_class(std::vector<ExprPtr> decorators) {
  const Token& kw = next();
  auto s = std::make_unique<Stmt>(StmtKind::ClassDef, kw.loc);
  int line = kw.loc.line;
  s->decorators = std::move(decorators);
  s->name = expect_name();
  if (at_op("(")) {
    ast::Expr args(ExprKind::Call, peek().loc);
    next();
    parse_call_arguments(args, false);
    s->bases = std::move(args.elts);
    s->keywords = std::move(args.keywords);
  }
  expect_colon();
  bool saved_fn = in_function_, saved_loop = in_loop_;
  in_function_ = in_loop_ = false;
  s->body = parse_block("class definition", line);
  in_function_ = saved_fn;
  in_loop_ = saved_loop;
  take_docstring(s->body, s->docstring);
  return s;
}

}  // namespace frontend_detail

namespace {

template <typename F>
auto as_syntax_error(F&& parse) {
  try {
    return parse();
  } catch (UserError& e) {
    e.set_error_class(ErrorClass::syntax);
    throw;
  }
}

// The byte offset of `loc` in its file's text.
size_t offset_of(const SourceFile* file, SourceLoc loc) {
  std::string_view line = file->line(loc.line);
  return static_cast<size_t>(line.data() - file->text().data()) + static_cast<size_t>(loc.col - 1);
}

}  // namespace

std::unique_ptr<ast::Module> parse_module(const SourceFile* file) {
  return as_syntax_error([&] { return frontend_detail::Parser(file, tokenize(file)).parse_file(); });
}

std::unique_ptr<ast::Module> parse_statement_at(const SourceFile* file, int first, int last) {
  return as_syntax_error(
      [&] { return frontend_detail::Parser(file, tokenize_lines(file, first, last)).parse_file(); });
}

ast::ExprPtr parse_expression_at(const SourceFile* file, SourceLoc begin, SourceLoc end) {
  size_t from = offset_of(file, begin);
  size_t to = offset_of(file, end);
  std::string_view text = std::string_view(file->text()).substr(from, to > from ? to - from : 0);
  return as_syntax_error([&] {
    return frontend_detail::Parser(file, tokenize_fragment(file, text, begin)).parse_fragment_expression();
  });
}

}  // namespace nki

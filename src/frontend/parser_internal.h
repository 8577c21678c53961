// The parser's class, shared by its implementation files: parser.cpp (statements),
// parser_expr.cpp (expressions) and parser_fstring.cpp (string literals and f-strings).
// Not part of the front end's interface; other layers use parser.h.
#pragma once

#include <string>
#include <vector>

#include "frontend/ast.h"
#include "frontend/lexer.h"

namespace nki::frontend_detail {

using ast::ExprPtr;

class Parser {
 public:
  Parser(const SourceFile* file, std::vector<Token> tokens) : file_(file), toks_(std::move(tokens)) {}

  std::unique_ptr<ast::Module> parse_file();
  // The expression of an f-string replacement field: star expressions, then End.
  ExprPtr parse_fragment_expression();

 private:
  // Token access. peek() past the end returns the End token.
  const Token& peek(size_t k = 0) const {
    size_t i = pos_ + k;
    return i < toks_.size() ? toks_[i] : toks_.back();
  }
  const Token& next() { return toks_[pos_ < toks_.size() - 1 ? pos_++ : pos_]; }
  bool at(Tok kind) const { return peek().kind == kind; }
  bool at_op(const char* op, size_t k = 0) const { return peek(k).kind == Tok::Op && peek(k).text == op; }
  bool at_kw(const char* kw, size_t k = 0) const { return peek(k).kind == Tok::Name && peek(k).text == kw; }
  bool accept_op(const char* op);
  bool accept_kw(const char* kw);
  void expect_op(const char* op);
  void expect_colon();
  std::string expect_name();
  [[noreturn]] void fail(const Token& t, const std::string& message) const;
  [[noreturn]] void fail(SourceLoc loc, const std::string& message) const;
  [[noreturn]] void fail_syntax(const Token& t) const;

  // Statements (parser.cpp).
  void parse_statement(ast::Body& out);
  void parse_simple_statements(ast::Body& out);
  ast::StmtPtr parse_simple_statement();
  ast::StmtPtr parse_expression_statement();
  ast::StmtPtr parse_import();
  ast::StmtPtr parse_from_import();
  ast::StmtPtr parse_if(bool is_elif);
  ast::StmtPtr parse_for();
  ast::StmtPtr parse_while();
  ast::StmtPtr parse_with();
  ast::StmtPtr parse_try();
  ast::StmtPtr parse_def(std::vector<ExprPtr> decorators);
  ast::StmtPtr parse_class(std::vector<ExprPtr> decorators);
  ast::StmtPtr parse_decorated();
  // After the ':' of a compound statement; `what` names it for "expected an indented block after
  // <what> on line N".
  ast::Body parse_block(const std::string& what, int header_line);
  void parse_else_block(ast::Body& orelse);
  void take_docstring(ast::Body& body, std::string& docstring);

  // Expressions (parser_expr.cpp), from loosest to tightest binding.
  ExprPtr parse_star_expressions();  // a, *b, c  (a Tuple when there is a comma)
  ExprPtr parse_star_expression();   // *a or an expression
  ExprPtr parse_named_expression();  // expression; rejects the walrus with a clear message
  ExprPtr parse_expression();        // lambda, conditional expression
  ExprPtr parse_bool_chain(const char* keyword, ast::BoolOpKind kind, ExprPtr (Parser::*operand)());
  ExprPtr parse_disjunction();
  ExprPtr parse_conjunction();
  ExprPtr parse_inversion();
  ExprPtr parse_comparison();
  ExprPtr parse_binary(int level);  // | ^ & shifts + - * / // % @, by level
  ExprPtr parse_factor();
  ExprPtr parse_power();
  ExprPtr parse_primary();
  ExprPtr parse_atom();
  ExprPtr parse_paren_atom();
  ExprPtr parse_list_atom();
  ExprPtr parse_brace_atom();
  ExprPtr parse_lambda();
  ExprPtr parse_subscript_index();
  ExprPtr parse_slice_item();
  ExprPtr parse_target_list();  // for-loop and comprehension targets
  void parse_call_arguments(ast::Expr& call, bool allow_generator);
  std::vector<ast::Comprehension> parse_comprehension_clauses();
  std::vector<ast::Param> parse_params(const char* terminator, bool allow_annotations);
  bool can_start_expression(const Token& t) const;

  // Strings (parser_fstring.cpp).
  ExprPtr parse_strings();
  void parse_fstring_body(const Token& tok, std::vector<ExprPtr>& parts, std::string& pending,
                          SourceLoc& pending_loc);

  const SourceFile* file_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  // For "'return' outside function" and "'break' outside loop": reset inside def and class.
  bool in_function_ = false;
  bool in_loop_ = false;
  // Depth of the tree being built (recursion plus left-associative chains such as a + b + c or
  // a.b.c), bounded so that absurd input is an error, not a stack overflow here or in the
  // recursive passes over the tree.
  int depth_ = 0;
  static constexpr int kMaxDepth = 1000;  // about 3 per level of parentheses
  void add_depth() {
    if (depth_ >= kMaxDepth) fail(peek(), "expression or block nesting too deep");
    ++depth_;
  }
  struct DepthGuard {  // one level for the lifetime of a recursive call
    Parser& p;
    explicit DepthGuard(Parser& parser) : p(parser) { p.add_depth(); }
    ~DepthGuard() { --p.depth_; }
  };
  struct ChainDepth {  // one level per link of a left-associative chain
    Parser& p;
    int links = 0;
    explicit ChainDepth(Parser& parser) : p(parser) {}
    void add() {
      p.add_depth();
      ++links;
    }
    ~ChainDepth() { p.depth_ -= links; }
  };
};

// Checks that `e` may be assigned to (ctx "assign"), deleted ("delete") or augmented
// ("augmented"); throws UserError at the offending sub-expression otherwise.
void check_target(const ast::Expr& e, const char* ctx);

}  // namespace nki::frontend_detail

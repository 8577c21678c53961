// Helpers shared by the front end's unit tests: parse text and return the AST dump, a token
// listing, or the first error as "line:col: message".
#pragma once

#include <string>

#include "frontend/ast.h"
#include "frontend/lexer.h"
#include "frontend/parser.h"
#include "support/diagnostics.h"

namespace nki::test {

inline const SourceFile* source(const std::string& text) {
  return SourceFile::from_string("test.py", text);
}

inline std::unique_ptr<ast::Module> parse(const std::string& text) {
  return parse_module(source(text));
}

// The dump of a whole module.
inline std::string dump_module(const std::string& text) {
  return ast::dump(*parse(text));
}

// The dump of one expression, parsed as the value of `_ = <text>` (a bare string statement
// would be taken as the module docstring).
inline std::string dump_expr(const std::string& text) {
  auto m = parse("_ = " + text + "\n");
  if (m->body.size() != 1 || m->body[0]->kind != ast::StmtKind::Assign) return "<not one expression>";
  return ast::dump(*m->body[0]->value);
}

// Tokens as "NAME:x OP:= INT:1 NEWLINE END".
inline std::string token_list(const std::string& text) {
  std::string out;
  for (const Token& t : tokenize(source(text))) {
    if (!out.empty()) out += ' ';
    switch (t.kind) {
      case Tok::Name: out += "NAME:" + t.text; break;
      case Tok::Int: out += "INT:" + std::to_string(t.int_value); break;
      case Tok::Float: out += "FLOAT:" + t.text; break;
      case Tok::String: out += "STR:" + t.text; break;
      case Tok::FString: out += "FSTR:" + t.text; break;
      case Tok::Op: out += "OP:" + t.text; break;
      case Tok::Newline: out += "NEWLINE"; break;
      case Tok::Indent: out += "INDENT"; break;
      case Tok::Dedent: out += "DEDENT"; break;
      case Tok::End: out += "END"; break;
    }
  }
  return out;
}

// The first error parsing `text` as "line:col: message", or "no error".
inline std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const UserError& e) {
    return std::to_string(e.loc().line) + ":" + std::to_string(e.loc().col) + ": " + e.message();
  }
  return "no error";
}

}  // namespace nki::test

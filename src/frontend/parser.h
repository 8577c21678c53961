// The recursive-descent parser for kernel modules. Python's grammar and precedence for the
// subset NKI accepts; anything else is a UserError at the offending token.
#pragma once

#include <memory>

#include "frontend/ast.h"

namespace nki {

// Parses a whole file. Throws UserError (file:line:col) on the first syntax error.
std::unique_ptr<ast::Module> parse_module(const SourceFile* file);

// Parses the statement on lines `first`..`last` of `file` (a def or class at any indentation,
// with its decorators) as a module of that one statement.
std::unique_ptr<ast::Module> parse_statement_at(const SourceFile* file, int first, int last);

// Parses the expression of `file` from `begin` up to (not including) `end`: a lambda, say.
ast::ExprPtr parse_expression_at(const SourceFile* file, SourceLoc begin, SourceLoc end);

}  // namespace nki

// The recursive-descent parser for kernel modules. Python's grammar and precedence for the
// subset NKI accepts; anything else is a UserError at the offending token.
#pragma once

#include <memory>

#include "frontend/ast.h"

namespace nki {

// Parses a whole file. Throws UserError (file:line:col) on the first syntax error.
std::unique_ptr<ast::Module> parse_module(const SourceFile* file);

}  // namespace nki

// The source of a Python function, parsed by nki's front end (source.cpp).
#pragma once

#include <optional>

#include "frontend/ast.h"
#include "pyhost/pyhost.h"
#include "support/diagnostics.h"

namespace nki::pyhost {

// One of the two is set; the AST lives for the process.
struct FunctionSource {
  const ast::Stmt* def = nullptr;     // a def statement
  const ast::Expr* lambda = nullptr;  // a lambda expression
};

// How diagnostics name the file at absolute `path`: relative to the working directory when it is
// inside it (as the user typed it, usually), else absolute.
std::string display_path(const std::string& path);

// A Python exception raised while `what` ran (importing a module) as a diagnostic: a SyntaxError at
// its own position (ErrorClass::syntax), anything else as "<what> raised Type: message" at the
// innermost frame of the traceback.
// `file`: the module being imported, the location when the traceback has none in a source file.
UserError python_error(py::error_already_set& e, const std::string& what, const std::string& file = "");

// The parsed source of code object `code`, recording its file in `reads`; nullopt when the code
// has no source file (a function defined in a string or an interactive session). A syntax nki
// does not accept inside the function is a UserError there.
std::optional<FunctionSource> function_source(py::handle code, Reads& reads);

}  // namespace nki::pyhost

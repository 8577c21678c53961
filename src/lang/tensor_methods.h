// The methods of tensor values (see tensor_methods.cpp).
#pragma once

#include <string>

#include "lang/value.h"

namespace nki::lang {

struct Interp;

// The bound method `name` of tensor `self`; UserError at `loc` for an unknown name.
Value tensor_method(Interp& in, const Value& self, const std::string& name, SourceLoc loc);

}  // namespace nki::lang

// Python's format-spec mini-language for f-strings and format(): [[fill]align][sign][#][0]
// [width][,|_][.precision][type] over ints, floats, strings and other values' str().
#pragma once

#include <string>

#include "lang/value.h"

namespace nki::lang {

// Throws UserError (no location) for a spec the value's type does not accept.
std::string format_value(const Value& v, const std::string& spec);

}  // namespace nki::lang

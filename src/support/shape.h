// A tensor shape as text, in the three notations nki's messages use.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nki {

enum class ShapeForm {
  List,   // [128,64]: the IR text and the compiler's messages
  Tuple,  // (128, 64), (5,), (): Python's, in messages about kernel code and .npy headers
  Spec,   // 128x64, "scalar": the command line's --arg shapes
};

std::string shape_str(const std::vector<int64_t>& shape, ShapeForm form = ShapeForm::List);

}  // namespace nki

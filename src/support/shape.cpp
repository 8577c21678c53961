#include "support/shape.h"

namespace nki {

std::string shape_str(const std::vector<int64_t>& shape, ShapeForm form) {
  if (form == ShapeForm::Spec && shape.empty()) return "scalar";
  const char* sep = form == ShapeForm::List ? "," : form == ShapeForm::Tuple ? ", " : "x";
  std::string s = form == ShapeForm::List ? "[" : form == ShapeForm::Tuple ? "(" : "";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? sep : "") + std::to_string(shape[i]);
  if (form == ShapeForm::Tuple && shape.size() == 1) s += ",";
  return s + (form == ShapeForm::List ? "]" : form == ShapeForm::Tuple ? ")" : "");
}

}  // namespace nki

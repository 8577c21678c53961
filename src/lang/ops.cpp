// Operator name tables. The simulator implements each supported name in sim/semantics.
#include "lang/ops.h"

#include <algorithm>

namespace nki::lang {

namespace {
bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }
}  // namespace

const std::vector<std::string>& all_op_names() {
  static const std::vector<std::string> names = {
      // ALU (nki-api.md §8.1)
      "add", "subtract", "multiply", "divide", "maximum", "minimum", "power", "equal", "not_equal", "less",
      "less_equal", "greater", "greater_equal", "logical_and", "logical_or", "logical_xor", "logical_not",
      "bitwise_and", "bitwise_or", "bitwise_xor", "invert", "left_shift", "right_shift", "abs_max", "abs_min",
      "bypass", "average", "mod", "fmod",
      // activation functions (§8.2)
      "copy", "square", "sigmoid", "relu", "prelu", "gelu", "gelu_dx", "gelu_apprx_tanh", "gelu_apprx_sigmoid",
      "gelu_apprx_sigmoid_dx", "silu", "silu_dx", "tanh", "softplus", "mish", "erf", "erf_dx", "exp", "log",
      "sin", "arctan", "sqrt", "rsqrt", "reciprocal", "sign", "abs"};
  return names;
}

const std::vector<std::string>& supported_alu_ops() {
  static const std::vector<std::string> names = {"add", "subtract", "multiply", "maximum", "minimum"};
  return names;
}

bool is_supported_alu_op(const std::string& name) { return contains(supported_alu_ops(), name); }

const std::vector<std::string>& supported_activations() {
  static const std::vector<std::string> names = {"copy", "exp", "tanh", "relu"};
  return names;
}

bool is_supported_activation(const std::string& name) { return contains(supported_activations(), name); }

}  // namespace nki::lang

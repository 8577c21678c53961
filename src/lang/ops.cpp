// Operator name tables for op= values. The ALU operators and activation functions come from the
// tables in ir/ops.h, which the simulator implements entry by entry (a unit test checks it), so
// nki.isa accepts exactly what the simulator computes.
#include "lang/ops.h"

#include <algorithm>

#include "ir/ops.h"

namespace nki::lang {

namespace {
bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
}  // namespace

const std::vector<std::string>& all_op_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& op : all_alu_ops()) n.emplace_back(op.name);
    for (const auto& f : all_act_fns())
      if (!contains(n, std::string(f.name))) n.emplace_back(f.name);
    return n;
  }();
  return names;
}

const std::vector<std::string>& supported_alu_ops() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& op : all_alu_ops()) n.emplace_back(op.name);
    return n;
  }();
  return names;
}

bool is_supported_alu_op(const std::string& name) {
  return contains(supported_alu_ops(), name);
}

const std::vector<std::string>& supported_activations() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& f : all_act_fns()) n.emplace_back(f.name);
    return n;
  }();
  return names;
}

bool is_supported_activation(const std::string& name) {
  return contains(supported_activations(), name);
}

}  // namespace nki::lang

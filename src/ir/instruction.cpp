// Operand and attribute lookup on instructions.
#include "ir/instruction.h"

namespace nki {

const Operand& Instruction::operand(std::string_view role) const {
  int i = operand_index(op, role);
  NKI_CHECK(i >= 0 && static_cast<size_t>(i) < operands.size(),
            std::string(op_name(op)) + " has no operand '" + std::string(role) + "'");
  return operands[i];
}

bool Instruction::writes(size_t o) const {
  const std::vector<OperandRole>& roles = op_info(op).operands;
  return o < roles.size() && roles[o].written;
}

Operand& Instruction::operand(std::string_view role) {
  return const_cast<Operand&>(static_cast<const Instruction*>(this)->operand(role));
}

const AttrValue* Instruction::find_attr(std::string_view name) const {
  for (const auto& a : attrs)
    if (a.name == name) return &a.value;
  return nullptr;
}

namespace {
template <typename T>
const T& get_attr(const Instruction& inst, std::string_view name) {
  const AttrValue* v = inst.find_attr(name);
  NKI_CHECK(v != nullptr, std::string(op_name(inst.op)) + " has no attribute '" + std::string(name) + "'");
  const T* p = std::get_if<T>(v);
  NKI_CHECK(p != nullptr, std::string(op_name(inst.op)) + " attribute '" + std::string(name) + "' has another type");
  return *p;
}
}  // namespace

const std::string& Instruction::attr_str(std::string_view name) const { return get_attr<std::string>(*this, name); }
int64_t Instruction::attr_int(std::string_view name) const { return get_attr<int64_t>(*this, name); }
bool Instruction::attr_bool(std::string_view name) const { return get_attr<bool>(*this, name); }

double Instruction::attr_float(std::string_view name) const {
  const AttrValue* v = find_attr(name);
  if (v != nullptr) {
    if (const int64_t* i = std::get_if<int64_t>(v)) return static_cast<double>(*i);
  }
  return get_attr<double>(*this, name);
}

void Instruction::set_attr(std::string name, AttrValue v) {
  for (auto& a : attrs)
    if (a.name == name) {
      a.value = std::move(v);
      return;
    }
  attrs.push_back(Attr{std::move(name), std::move(v)});
}

std::vector<int64_t> parse_int_list(std::string_view text) {
  std::vector<int64_t> nums;
  const std::string s(text);
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) {
      size_t end = 0;
      nums.push_back(std::stoll(s.substr(i), &end));
      i += end;
    } else {
      ++i;
    }
  }
  return nums;
}

}  // namespace nki

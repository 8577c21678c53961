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
// The stored value of attribute `name`, else its ops.def default; an InternalError when `name` is
// not an attribute of the opcode, or it is absent with no default (the verifier guarantees the
// required ones), or of another type.
const AttrValue& attr_value(const Instruction& inst, std::string_view name) {
  const AttrSpec* spec = op_info(inst.op).attr(name);
  NKI_CHECK(spec != nullptr,
            std::string(op_name(inst.op)) + " has no attribute '" + std::string(name) + "' in ops.def");
  if (const AttrValue* v = inst.find_attr(name)) return *v;
  NKI_CHECK(spec->default_value.has_value(),
            std::string(op_name(inst.op)) + " instruction lacks attribute '" + std::string(name) + "'");
  return *spec->default_value;
}

std::string held(const AttrValue& v) {
  if (const std::string* t = std::get_if<std::string>(&v)) return "'" + *t + "'";
  static constexpr const char* kinds[] = {
      "a bool", "an int", "a float", "", "an ALU operator", "an activation function", "a reduce_cmd"};
  return kinds[v.index()];
}

template <typename T>
const T& get_attr(const Instruction& inst, std::string_view name) {
  const T* p = std::get_if<T>(&attr_value(inst, name));
  NKI_CHECK(p != nullptr,
            std::string(op_name(inst.op)) + " attribute '" + std::string(name) + "' has another type");
  return *p;
}
}  // namespace

const std::string& Instruction::attr_str(std::string_view name) const {
  return get_attr<std::string>(*this, name);
}
int64_t Instruction::attr_int(std::string_view name) const {
  return get_attr<int64_t>(*this, name);
}
bool Instruction::attr_bool(std::string_view name) const {
  return get_attr<bool>(*this, name);
}

AluOp Instruction::attr_alu(std::string_view name) const {
  return get_attr<AluOp>(*this, name);
}
ActFn Instruction::attr_act(std::string_view name) const {
  return get_attr<ActFn>(*this, name);
}
ReduceCmd Instruction::attr_cmd(std::string_view name) const {
  return get_attr<ReduceCmd>(*this, name);
}

double Instruction::attr_float(std::string_view name) const {
  const AttrValue& v = attr_value(*this, name);
  if (const int64_t* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  const double* d = std::get_if<double>(&v);
  NKI_CHECK(d != nullptr,
            std::string(op_name(op)) + " attribute '" + std::string(name) + "' has another type");
  return *d;
}

void Instruction::set_attr(std::string name, AttrValue v) {
  const AttrSpec* spec = op_info(op).attr(name);
  NKI_CHECK(spec != nullptr, std::string(op_name(op)) + " has no attribute '" + name + "' in ops.def");
  std::optional<AttrValue> value = spec->accept(v);
  NKI_CHECK(value.has_value(), std::string(op_name(op)) + " attribute '" + name + "' takes " +
                                   spec->type_text() + ", not " + held(v));
  for (auto& a : attrs)
    if (a.name == name) {
      a.value = std::move(*value);
      return;
    }
  attrs.push_back(Attr{std::move(name), std::move(*value)});
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

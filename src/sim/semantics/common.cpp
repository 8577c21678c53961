// Helpers shared by the instruction semantics (see common.h).
#include "sim/semantics/common.h"

#include "support/diagnostics.h"

namespace nki::sim {

int64_t partitions_of(const AccessPattern& ap) {
  return ap.dims.empty() ? 1 : ap.dims[0].num;
}

ScalarOperand read_scalar_operand(Machine& m, const Instruction& inst, int index, int64_t partitions,
                                  float absent) {
  ScalarOperand s;
  s.imm = absent;
  if (static_cast<size_t>(index) >= inst.operands.size()) return s;
  const Operand& o = inst.operands[index];
  if (o.is_none()) return s;
  if (o.is_imm()) {
    s.imm = static_cast<float>(o.imm);
    return s;
  }
  const Walk w = m.walk(inst, index);
  std::vector<float> v = m.read_f32(w);
  if (static_cast<int64_t>(v.size()) != partitions) {
    const std::string role = op_info(inst.op).operands[index].name;
    throw UserError(role + " must hold one value per partition ([" + std::to_string(partitions) +
                    ", 1]), but has " + std::to_string(v.size()) + " elements");
  }
  s.per_partition = std::move(v);
  return s;
}

BitsOperand read_bits_operand(Machine& m, const Instruction& inst, int index, int64_t partitions) {
  BitsOperand s;
  if (static_cast<size_t>(index) >= inst.operands.size()) return s;
  const Operand& o = inst.operands[index];
  if (o.is_none()) return s;
  if (o.is_imm()) {
    s.imm = static_cast<uint32_t>(static_cast<int64_t>(o.imm));
    return s;
  }
  const Walk w = m.walk(inst, index);
  std::vector<uint32_t> v = m.read_bits(w);
  if (static_cast<int64_t>(v.size()) != partitions) {
    const std::string role = op_info(inst.op).operands[index].name;
    throw UserError(role + " must hold one value per partition ([" + std::to_string(partitions) +
                    ", 1]), but has " + std::to_string(v.size()) + " elements");
  }
  s.per_partition = std::move(v);
  return s;
}

std::string str_attr(const Instruction& inst, const char* attr, const std::string& fallback) {
  const AttrValue* v = inst.find_attr(attr);
  if (v == nullptr) return fallback;
  if (const std::string* s = std::get_if<std::string>(v)) return *s;
  throw InternalError(std::string(op_name(inst.op)) + " attribute '" + attr + "' is not a string");
}

AluOp alu_op_attr(const Instruction& inst, const char* attr) {
  const std::string& name = inst.attr_str(attr);
  if (auto op = parse_alu_op(name)) return *op;
  throw UserError(std::string("unknown ALU operator ") + attr + "='" + name + "'");
}

bool flag_attr(const Instruction& inst, const char* attr) {
  const AttrValue* v = inst.find_attr(attr);
  if (v == nullptr) return false;
  if (const bool* b = std::get_if<bool>(v)) return *b;
  if (const int64_t* i = std::get_if<int64_t>(v)) return *i != 0;
  throw InternalError(std::string(op_name(inst.op)) + " attribute '" + attr + "' is not a bool");
}

void check_same_size(const Walk& a, const char* a_role, const Walk& b, const char* b_role) {
  if (a.size() != b.size())
    throw UserError(std::string(a_role) + " has " + std::to_string(a.size()) + " elements but " + b_role +
                    " has " + std::to_string(b.size()));
}

void copy_elements(Machine& m, const Walk& dst, const Walk& src) {
  if (dst.dtype == src.dtype) {
    const std::vector<uint8_t> bytes = m.gather(src);  // gathered first: in-place overlap is safe
    m.scatter(dst, bytes.data());
  } else {
    const std::vector<float> v = m.read_f32(src);
    m.write_f32(dst, v.data());
  }
}

}  // namespace nki::sim

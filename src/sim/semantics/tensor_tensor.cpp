// tensor_tensor: dst = data1 <op> data2 element-wise, rounded to dst's dtype. Arithmetic operators
// compute in fp32; bit-vector operators on the raw integer words (see sim/alu.h). The operands
// are walked in their own row-major order (same partitions and elements per partition).
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_tensor_tensor(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::tensor_tensor);
  const AluOp op = inst.attr_alu("op");
  const Walk dst = m.walk(inst, R("dst"));
  const Walk a = m.walk(inst, R("data1"));
  const Walk b = m.walk(inst, R("data2"));
  check_same_size(a, "data1", b, "data2");
  check_same_size(dst, "dst", a, "data1");
  if (is_bitvec(op)) {
    std::vector<uint32_t> x = m.read_bits(a);
    const std::vector<uint32_t> y = m.read_bits(b);
    for (size_t i = 0; i < x.size(); ++i) x[i] = apply_bitvec(op, x[i], y[i]);
    m.write_bits(dst, x.data());
    return;
  }
  std::vector<float> x = m.read_f32(a);
  const std::vector<float> y = m.read_f32(b);
  const size_t n = x.size();
  // One loop per common operator so the compiler can vectorise it; the rest go through the switch.
  switch (op) {
    case AluOp::Add:
      for (size_t i = 0; i < n; ++i) x[i] += y[i];
      break;
    case AluOp::Subtract:
      for (size_t i = 0; i < n; ++i) x[i] -= y[i];
      break;
    case AluOp::Multiply:
      for (size_t i = 0; i < n; ++i) x[i] *= y[i];
      break;
    default:
      for (size_t i = 0; i < n; ++i) x[i] = apply_alu(op, x[i], y[i]);
      break;
  }
  m.write_f32(dst, x.data());
}

}  // namespace nki::sim

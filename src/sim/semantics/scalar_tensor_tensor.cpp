// scalar_tensor_tensor: dst = (data <op0> operand0) <op1> operand1 in fp32, operand0 an
// immediate or [P,1] tile, operand1 a tile of data's size; reverse0/reverse1 swap each stage.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_scalar_tensor_tensor(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::scalar_tensor_tensor);
  const AluOp op0 = inst.attr_alu("op0");
  const AluOp op1 = inst.attr_alu("op1");
  const bool rev0 = inst.attr_bool("reverse0");
  const bool rev1 = inst.attr_bool("reverse1");
  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  const Walk other = m.walk(inst, R("operand1"));
  check_same_size(dst, "dst", data, "data");
  check_same_size(other, "operand1", data, "data");
  const int64_t parts = partitions_of(inst.operands[R("data")].ap);
  const ScalarOperand s0 = read_scalar_operand(m, inst, R("operand0"), parts, 0.0f);
  std::vector<float> v = m.read_f32(data);
  const std::vector<float> w = m.read_f32(other);
  const int64_t per = per_partition(v.size(), parts);
  for (int64_t p = 0; p < parts; ++p) {
    const float a0 = s0.at(p);
    for (int64_t j = p * per; j < (p + 1) * per; ++j) {
      const float t = rev0 ? apply_alu(op0, a0, v[j]) : apply_alu(op0, v[j], a0);
      v[j] = rev1 ? apply_alu(op1, w[j], t) : apply_alu(op1, t, w[j]);
    }
  }
  m.write_f32(dst, v.data());
}

}  // namespace nki::sim

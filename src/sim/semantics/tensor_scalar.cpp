// tensor_scalar: t = data <op0> operand0 (operands swapped when reverse0), then, when op1 is
// given, dst = t <op1> operand1 (swapped when reverse1). Each operand is an immediate or a
// [P,1] tile whose value applies to every element of its partition. fp32 math.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_tensor_scalar(Machine& m, const Instruction& inst) {
  const AluOp op0 = alu_op_attr(inst, "op0");
  const bool has_op1 = inst.has_attr("op1");
  const AluOp op1 = has_op1 ? alu_op_attr(inst, "op1") : AluOp::Bypass;
  const bool rev0 = flag_attr(inst, "reverse0");
  const bool rev1 = flag_attr(inst, "reverse1");

  const Walk dst = m.walk(inst, 0);
  const Walk data = m.walk(inst, 1);
  check_same_size(dst, "dst", data, "data");
  const int64_t parts = partitions_of(inst.operands[1].ap);
  const ScalarOperand s0 = read_scalar_operand(m, inst, 2, parts, 0.0f);
  const ScalarOperand s1 = read_scalar_operand(m, inst, 3, parts, 0.0f);

  std::vector<float> v = m.read_f32(data);
  const int64_t per = parts > 0 ? static_cast<int64_t>(v.size()) / parts : 0;
  for (int64_t p = 0; p < parts; ++p) {
    const float a0 = s0.at(p), a1 = s1.at(p);
    float* row = v.data() + p * per;
    for (int64_t j = 0; j < per; ++j) {
      float t = rev0 ? apply_alu(op0, a0, row[j]) : apply_alu(op0, row[j], a0);
      if (has_op1) t = rev1 ? apply_alu(op1, a1, t) : apply_alu(op1, t, a1);
      row[j] = t;
    }
  }
  m.write_f32(dst, v.data());
}

}  // namespace nki::sim

// activate2 (NeuronCore-v4): per partition, in fp32,
//   t = data <op0> imm0          (imm0 <op0> data with reverse0)
//   t = t <op1> imm1             (imm1 <op1> t with reverse1)
//   dst = op(t)                  (prelu: t, or t * relu_param below 0)
// imm0, imm1 and relu_param are immediates or [P,1] tiles; bypass passes its first operand. The
// reduction works on the Scalar engine's accumulator registers, as activation's does, with any of
// reduce_op's operators: reset and reset_reduce start them at reduce_op's identity (0 without a
// reduce_op), reduce and reset_reduce fold each fp32 result into them in order, idle leaves them;
// reduce_res, when given, receives them afterwards.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_activate2(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::activate2);
  const ActFn fn = inst.attr_act("op");
  const AluOp op0 = inst.attr_alu("op0"), op1 = inst.attr_alu("op1");
  const bool rev0 = inst.attr_bool("reverse0"), rev1 = inst.attr_bool("reverse1");
  const Accumulate cmd(inst.attr_cmd("reduce_cmd"));
  const AluOp rop = inst.has_attr("reduce_op") ? inst.attr_alu("reduce_op") : AluOp::Add;

  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  check_same_size(dst, "dst", data, "data");
  const AccessPattern& data_ap = inst.operands[R("data")].ap;
  const int64_t parts = partitions_of(data_ap);
  const ScalarOperand imm0 = read_scalar_operand(m, inst, R("imm0"), parts, 0.0f);
  const ScalarOperand imm1 = read_scalar_operand(m, inst, R("imm1"), parts, 0.0f);
  const ScalarOperand slope = read_scalar_operand(m, inst, R("relu_param"), parts, 0.0f);

  std::vector<float> v = m.read_f32(data);
  std::vector<float>& acc = m.accumulator(Engine::Scalar);
  const int64_t lane0 = data_ap.start_partition();
  for_each_row(v, parts, [&](int64_t p, std::span<float> row) {
    const float a = imm0.at(p), b = imm1.at(p), s = slope.at(p);
    float& reg = acc.at(static_cast<size_t>(lane0 + p));
    if (cmd.reset) reg = reduce_identity(rop);  // 0 without a reduce_op (add)
    for (float& x : row) {
      float t = rev0 ? apply_alu(op0, a, x) : apply_alu(op0, x, a);
      t = rev1 ? apply_alu(op1, b, t) : apply_alu(op1, t, b);
      x = apply_act(fn, t, s);
      if (cmd.reduce) reg = apply_alu(rop, reg, x);
    }
  });
  m.write_f32(dst, v.data());
  write_reduce_res(m, inst, R("reduce_res"), parts, acc.data() + lane0);
}

}  // namespace nki::sim

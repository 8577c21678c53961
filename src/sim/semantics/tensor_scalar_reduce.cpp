// tensor_scalar_reduce: dst = data <op0> operand0 in fp32 (operand0 an immediate or [P,1] tile),
// and the Vector engine's accumulator registers (one fp32 per partition lane, shared with the
// other Vector accumulation instructions) reduce dst's fp32 values with reduce_op:
//   reset_reduce (default)  start from reduce_op's identity (0, 1, -inf, +inf)
//   reduce                  continue from the registers
//   load_reduce             start from reduce_init
// reduce_res receives the registers, negated when reduce_res_negate (the registers are not).
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_tensor_scalar_reduce(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::tensor_scalar_reduce);
  const AluOp op0 = inst.attr_alu("op0");
  const AluOp rop = inst.attr_alu("reduce_op");
  const Accumulate cmd(inst.attr_cmd("reduce_cmd"));
  const bool negate = inst.attr_bool("reduce_res_negate");
  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  check_same_size(dst, "dst", data, "data");
  const AccessPattern& ap = inst.operands[R("data")].ap;
  const int64_t parts = partitions_of(ap);
  const ScalarOperand s0 = read_scalar_operand(m, inst, R("operand0"), parts, 0.0f);
  std::vector<float> v = m.read_f32(data);
  std::vector<float>& acc = m.accumulator(Engine::Vector);
  const int64_t lane0 = ap.start_partition();
  std::vector<float> res(static_cast<size_t>(parts));
  for_each_row(v, parts, [&](int64_t p, std::span<float> row) {
    float& reg = acc.at(static_cast<size_t>(lane0 + p));
    if (cmd.reset) reg = reduce_identity(rop);
    if (cmd.load) reg = static_cast<float>(inst.attr_float("reduce_init"));
    for (float& x : row) {
      x = apply_alu(op0, x, s0.at(p));
      reg = apply_alu(rop, reg, x);
    }
    res[p] = negate ? -reg : reg;
  });
  m.write_f32(dst, v.data());
  write_reduce_res(m, inst, R("reduce_res"), parts, res.data());
}

}  // namespace nki::sim

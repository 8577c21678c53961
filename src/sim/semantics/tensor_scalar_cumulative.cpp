// tensor_scalar_cumulative: per partition, the Vector engine's accumulator register (shared with
// tensor_scalar_reduce, select_reduce and range_select) starts per reduce_cmd — reset_reduce:
// op1's identity (0 for add/subtract, 1 for multiply, -inf for max, +inf for min); reduce: its
// current value; load_reduce: imm1 — then for each element in order
//   reg = (src[i] <op0> imm0) <op1> reg,  dst[i] = reg
// in fp32 (the documentation's pseudocode: op1's first operand is the new term, so subtract gives
// term - reg). imm0/imm1 are immediates or [P,1] tiles. The register keeps the last value.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_tensor_scalar_cumulative(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::tensor_scalar_cumulative);
  const AluOp op0 = inst.attr_alu("op0");
  const AluOp op1 = inst.attr_alu("op1");
  const Accumulate cmd(inst.attr_cmd("reduce_cmd"));
  const Walk dst = m.walk(inst, R("dst"));
  const Walk src = m.walk(inst, R("src"));
  check_same_size(dst, "dst", src, "src");
  const AccessPattern& ap = inst.operands[R("src")].ap;
  const int64_t parts = partitions_of(ap);
  const ScalarOperand imm0 = read_scalar_operand(m, inst, R("imm0"), parts, 0.0f);
  const ScalarOperand imm1 = read_scalar_operand(m, inst, R("imm1"), parts, 0.0f);
  std::vector<float> v = m.read_f32(src);
  std::vector<float>& acc = m.accumulator(Engine::Vector);
  const int64_t lane0 = ap.start_partition();
  const int64_t per = per_partition(v.size(), parts);
  for (int64_t p = 0; p < parts; ++p) {
    float& reg = acc.at(static_cast<size_t>(lane0 + p));
    if (cmd.reset) reg = reduce_identity(op1);
    if (cmd.load) reg = imm1.at(p);
    for (int64_t j = p * per; j < (p + 1) * per; ++j) {
      reg = apply_alu(op1, apply_alu(op0, v[j], imm0.at(p)), reg);
      v[j] = reg;
    }
  }
  m.write_f32(dst, v.data());
}

}  // namespace nki::sim

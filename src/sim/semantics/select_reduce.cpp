// select_reduce: dst = on_true where the predicate element (raw integer bits) is non-zero — zero
// with reverse_pred — else on_false (an immediate or [P,1] tile), through fp32 with rounding on
// write (on_true excludes the dtypes fp32 cannot hold exactly). With reduce_cmd reset_reduce
// (registers to -inf) or reduce, the Vector engine's accumulator registers take the max of the
// selected fp32 values; idle leaves them alone. reduce_res, when given, receives the registers.
#include "sim/semantics/common.h"

namespace nki::sim {

void select_accumulate(Machine& m, const Instruction& inst, int res, int64_t lane0, int64_t parts,
                       const std::vector<float>& values) {
  const Accumulate cmd(inst.attr_cmd("reduce_cmd"));
  std::vector<float>& acc = m.accumulator(Engine::Vector);
  const int64_t per = per_partition(values.size(), parts);
  std::vector<float> out(static_cast<size_t>(parts));
  for (int64_t p = 0; p < parts; ++p) {
    float& reg = acc.at(static_cast<size_t>(lane0 + p));
    if (cmd.reset) reg = reduce_identity(AluOp::Maximum);
    if (cmd.reduce)
      for (int64_t j = p * per; j < (p + 1) * per; ++j) reg = apply_alu(AluOp::Maximum, reg, values[j]);
    out[p] = reg;
  }
  write_reduce_res(m, inst, static_cast<size_t>(res), parts, out.data());
}

void exec_select_reduce(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::select_reduce);
  const bool reverse = inst.attr_bool("reverse_pred");
  const Walk dst = m.walk(inst, R("dst"));
  const Walk pred = m.walk(inst, R("predicate"));
  const Walk on_true = m.walk(inst, R("on_true"));
  check_same_size(dst, "dst", on_true, "on_true");
  check_same_size(pred, "predicate", on_true, "on_true");
  const AccessPattern& ap = inst.operands[R("on_true")].ap;
  const int64_t parts = partitions_of(ap);
  const ScalarOperand on_false = read_scalar_operand(m, inst, R("on_false"), parts, 0.0f);
  const std::vector<uint32_t> p = m.read_bits(pred);
  std::vector<float> v = m.read_f32(on_true);
  const int64_t per = per_partition(v.size(), parts);
  for (size_t k = 0; k < v.size(); ++k)
    if ((p[k] != 0) == reverse) v[k] = on_false.at(static_cast<int64_t>(k) / per);
  m.write_f32(dst, v.data());
  select_accumulate(m, inst, R("reduce_res"), ap.start_partition(), parts, v);
}

}  // namespace nki::sim

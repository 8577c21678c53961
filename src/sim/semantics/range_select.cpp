// range_select: for free index j of each partition (the flattened free dims), the fp32 index
// i = range_start + j is compared with the partition's bound0 and bound1;
//   dst = comp_op0(i, bound0) and comp_op1(i, bound1) ? on_true_tile : on_false_value
// (FP32_MIN; narrow dsts round it to -inf), and the Vector accumulators take the max of the
// selected fp32 values per reduce_cmd (reset_reduce by default), read out into reduce_res.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_range_select(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::range_select);
  const AluOp c0 = inst.attr_alu("comp_op0");
  const AluOp c1 = inst.attr_alu("comp_op1");
  const int64_t start = inst.attr_int("range_start");
  const float fill = static_cast<float>(inst.attr_float("on_false_value"));
  const Walk dst = m.walk(inst, R("dst"));
  const Walk on_true = m.walk(inst, R("on_true_tile"));
  check_same_size(dst, "dst", on_true, "on_true_tile");
  const AccessPattern& ap = inst.operands[R("on_true_tile")].ap;
  const int64_t parts = partitions_of(ap);
  const ScalarOperand b0 = read_scalar_operand(m, inst, R("bound0"), parts, 0.0f);
  const ScalarOperand b1 = read_scalar_operand(m, inst, R("bound1"), parts, 0.0f);
  std::vector<float> v = m.read_f32(on_true);
  const int64_t per = per_partition(v.size(), parts);
  for (int64_t p = 0; p < parts; ++p)
    for (int64_t j = 0; j < per; ++j) {
      const float i = static_cast<float>(start + j);
      const bool keep = apply_alu(c0, i, b0.at(p)) != 0.0f && apply_alu(c1, i, b1.at(p)) != 0.0f;
      if (!keep) v[p * per + j] = fill;
    }
  m.write_f32(dst, v.data());
  select_accumulate(m, inst, R("reduce_res"), ap.start_partition(), parts, v);
}

}  // namespace nki::sim

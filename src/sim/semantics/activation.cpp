// activation: dst = op(data * scale + bias) on the Scalar engine, fp32 math. bias and scale are
// absent (0 and 1), immediates, or [P,1] tiles applied per partition.
//
// The optional reduction (nki-api.md §7.4) works on the Scalar engine's accumulator registers,
// one fp32 per partition lane, which persist across instructions:
//   reduce_cmd=reset         registers = 0
//   reduce_cmd=reduce        registers += sum of this instruction's fp32 results along the free dims
//   reduce_cmd=reset_reduce  registers = that sum
//   reduce_cmd=idle          registers unchanged (the default)
// and reduce_res, when given, receives the registers afterwards (rounded to its dtype). The sum
// is of the fp32 results, before they are rounded to dst's dtype.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_activation(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::activation);
  const ActFn fn = inst.attr_act("op");
  const Accumulate cmd(inst.attr_cmd("reduce_cmd"));

  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  check_same_size(dst, "dst", data, "data");
  const AccessPattern& data_ap = inst.operands[R("data")].ap;
  const int64_t parts = partitions_of(data_ap);
  const ScalarOperand bias = read_scalar_operand(m, inst, R("bias"), parts, 0.0f);
  const ScalarOperand scale = read_scalar_operand(m, inst, R("scale"), parts, 1.0f);

  std::vector<float> v = m.read_f32(data);
  std::vector<float>& acc = m.accumulator(Engine::Scalar);
  const int64_t lane0 = is_on_chip(data_ap.storage->buffer) ? data_ap.start_partition() : 0;
  for_each_row(v, parts, [&](int64_t p, std::span<float> row) {
    const float b = bias.at(p), s = scale.at(p);
    float sum = 0.0f;
    for (float& x : row) {
      x = apply_act(fn, x * s + b);
      sum += x;
    }
    float& reg = acc.at(static_cast<size_t>(lane0 + p));
    if (cmd.reset) reg = 0.0f;
    if (cmd.reduce) reg += sum;
  });
  m.write_f32(dst, v.data());

  write_reduce_res(m, inst, R("reduce_res"), parts, acc.data() + lane0);
}

}  // namespace nki::sim

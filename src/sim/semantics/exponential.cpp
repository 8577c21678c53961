// exponential (NeuronCore-v4): dst = exp(src - max_value) computed in fp32 (exp from sim/fpmath) (max_value
// an immediate or a [P,1] tile), rounded on the write to dst. The Vector engine's accumulator registers
// (shared with tensor_scalar_reduce, select_reduce, ...) add up the fp32 results:
//   idle          registers untouched          reset         registers = 0, nothing added
//   reduce        add onto the registers       reset_reduce  registers = 0, then add
//   load_reduce   registers = reduce_init (immediate or [P,1]), then add
// reduce_res, when given, receives the registers (one value per partition).
#include "sim/fpmath.h"
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_exponential(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::exponential);
  const Accumulate cmd(inst.attr_cmd("reduce_cmd"));
  const Walk dst = m.walk(inst, R("dst"));
  const Walk src = m.walk(inst, R("src"));
  check_same_size(dst, "dst", src, "src");
  const AccessPattern& ap = inst.operands[R("src")].ap;
  const int64_t parts = partitions_of(ap);
  const ScalarOperand mx = read_scalar_operand(m, inst, R("max_value"), parts, 0.0f);
  const ScalarOperand init = read_scalar_operand(m, inst, R("reduce_init"), parts, 0.0f);
  std::vector<float> v = m.read_f32(src);
  std::vector<float>& acc = m.accumulator(Engine::Vector);
  const int64_t lane0 = ap.start_partition();
  std::vector<float> res(static_cast<size_t>(parts));
  for_each_row(v, parts, [&](int64_t p, std::span<float> row) {
    float& reg = acc.at(static_cast<size_t>(lane0 + p));
    if (cmd.reset) reg = 0.0f;
    if (cmd.load) reg = init.at(p);
    for (float& x : row) {
      x = static_cast<float>(fpmath::exp(x - mx.at(p)));  // fp32 subtraction, then exp
      if (cmd.reduce) reg += x;
    }
    res[p] = reg;
  });
  m.write_f32(dst, v.data());
  write_reduce_res(m, inst, R("reduce_res"), parts, res.data());
}

}  // namespace nki::sim

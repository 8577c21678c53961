// activation: dst = op(data * scale + bias) on the Scalar engine, fp32 math. bias and scale are
// absent (0 and 1), immediates, or [P,1] tiles applied per partition.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_activation(Machine& m, const Instruction& inst) {
  const std::string& name = inst.attr_str("op");
  const auto fn = parse_act_fn(name);
  if (!fn) throw UserError("unknown activation function op='" + name + "'");

  const Walk dst = m.walk(inst, 0);
  const Walk data = m.walk(inst, 1);
  check_same_size(dst, "dst", data, "data");
  const int64_t parts = partitions_of(inst.operands[1].ap);
  const ScalarOperand bias = read_scalar_operand(m, inst, 2, parts, 0.0f);
  const ScalarOperand scale = read_scalar_operand(m, inst, 3, parts, 1.0f);

  std::vector<float> v = m.read_f32(data);
  const int64_t per = parts > 0 ? static_cast<int64_t>(v.size()) / parts : 0;
  for (int64_t p = 0; p < parts; ++p) {
    const float b = bias.at(p), s = scale.at(p);
    float* row = v.data() + p * per;
    for (int64_t j = 0; j < per; ++j) row[j] = apply_act(*fn, row[j] * s + b);
  }
  m.write_f32(dst, v.data());
}

}  // namespace nki::sim

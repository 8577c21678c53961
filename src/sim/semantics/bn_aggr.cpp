// bn_aggr: per partition, combine k (count, mean, variance*count) triples (bn_stats output) into
// the overall mean and (population) variance, in fp32:
//   C = sum count;  mean = sum(count * mean) / C;  var = (sum m2 + sum count * (mean_i - mean)^2) / C
// Triples with count 0 contribute nothing; all-zero counts give mean 0, variance 0.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_bn_aggr(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::bn_aggr);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  const int64_t parts = partitions_of(inst.operands[R("data")].ap);
  const int64_t per = per_partition(data.size(), parts);
  if (per % 3 != 0)
    throw UserError("data must hold (count, mean, variance*count) triples: " + std::to_string(per) +
                    " elements per partition is not a multiple of 3");
  if (dst.size() != parts * 2)
    throw UserError("dst must hold 2 values per partition, but has " + std::to_string(dst.size()) +
                    " elements");
  const std::vector<float> v = m.read_f32(data);
  std::vector<float> out(static_cast<size_t>(parts * 2));
  for (int64_t p = 0; p < parts; ++p) {
    const float* row = v.data() + p * per;
    float total = 0.0f, weighted = 0.0f;
    for (int64_t t = 0; t < per; t += 3) {
      total += row[t];
      weighted += row[t] * row[t + 1];
    }
    const float mean = total > 0 ? weighted / total : 0.0f;
    float m2 = 0.0f;
    for (int64_t t = 0; t < per; t += 3)
      if (row[t] > 0) m2 += row[t + 2] + row[t] * (row[t + 1] - mean) * (row[t + 1] - mean);
    out[p * 2] = mean;
    out[p * 2 + 1] = total > 0 ? m2 / total : 0.0f;
  }
  m.write_f32(dst, out.data());
}

}  // namespace nki::sim

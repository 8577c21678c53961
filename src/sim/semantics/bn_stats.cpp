// bn_stats: per partition of data (n elements), six fp32 values: for the even-indexed elements
// their count, mean and variance*count (the sum of squared deviations from the mean), then the
// same for the odd-indexed elements. The mean is the fp32 sum / count; the deviations are
// summed in fp32 in element order (the hardware's exact order is not documented).
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_bn_stats(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::bn_stats);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  const int64_t parts = partitions_of(inst.operands[R("data")].ap);
  const int64_t n = per_partition(data.size(), parts);
  NKI_CHECK(dst.size() == parts * 6, "bn_stats reached the simulator with unverified shapes");
  const std::vector<float> v = m.read_f32(data);
  std::vector<float> out(static_cast<size_t>(parts * 6));
  for (int64_t p = 0; p < parts; ++p) {
    const float* row = v.data() + p * n;
    for (int64_t half = 0; half < 2; ++half) {
      const int64_t count = (n - half + 1) / 2;
      float sum = 0.0f;
      for (int64_t j = half; j < n; j += 2) sum += row[j];
      const float mean = count > 0 ? sum / static_cast<float>(count) : 0.0f;
      float m2 = 0.0f;
      for (int64_t j = half; j < n; j += 2) m2 += (row[j] - mean) * (row[j] - mean);
      float* o = out.data() + p * 6 + half * 3;
      o[0] = static_cast<float>(count);
      o[1] = mean;
      o[2] = m2;
    }
  }
  m.write_f32(dst, out.data());
}

}  // namespace nki::sim

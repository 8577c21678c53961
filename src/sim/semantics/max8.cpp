// max8: per partition, the 8 largest of src's elements (read as fp32) in descending order,
// written to dst's 8 elements with rounding to dst's dtype. Repeated values appear as often as
// they occur; NaN ranks above every number and equal values keep their input order
// (ranks_above; the documentation is silent on both).
#include <algorithm>
#include <numeric>

#include "sim/semantics/common.h"

namespace nki::sim {

void exec_max8(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::max8);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk src = m.walk(inst, R("src"));
  const int64_t parts = partitions_of(inst.operands[R("src")].ap);
  const int64_t n = per_partition(src.size(), parts);
  // The verifier's rules: dst [P, 8], src 8 to 16384 elements per partition.
  NKI_CHECK(dst.size() == parts * 8 && n >= 8, "max8 reached the simulator with unverified shapes");
  const std::vector<float> v = m.read_f32(src);
  std::vector<float> out(static_cast<size_t>(parts * 8));
  std::vector<int64_t> idx(static_cast<size_t>(n));
  for (int64_t p = 0; p < parts; ++p) {
    const float* row = v.data() + p * n;
    std::iota(idx.begin(), idx.end(), 0);
    std::partial_sort(idx.begin(), idx.begin() + 8, idx.end(),
                      [row](int64_t a, int64_t b) { return ranks_above(row[a], a, row[b], b); });
    for (int k = 0; k < 8; ++k) out[p * 8 + k] = row[idx[k]];
  }
  m.write_f32(dst, out.data());
}

}  // namespace nki::sim

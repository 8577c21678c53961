// nc_find_index8: per partition, for each of the 8 vals the index (from 0, over data's
// flattened free dims) of its first occurrence in data, compared as fp32 values. A value given
// more than once takes the next occurrence each time, in ascending position order (the NKI
// documentation's duplicate rule). The documentation leaves a value that does not occur
// undefined; we write all ones (0xFFFFFFFF, 0xFFFF in uint16), which no valid index can be.
// NaN equals nothing, so a NaN val is never found.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_nc_find_index8(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::nc_find_index8);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  const Walk vals = m.walk(inst, R("vals"));
  const int64_t parts = partitions_of(inst.operands[R("data")].ap);
  const int64_t n = per_partition(data.size(), parts);
  NKI_CHECK(dst.size() == parts * 8 && vals.size() == parts * 8,  // the verifier's rules
            "nc_find_index8 reached the simulator with unverified shapes");
  const std::vector<float> d = m.read_f32(data);
  const std::vector<float> v = m.read_f32(vals);
  std::vector<uint32_t> out(static_cast<size_t>(parts * 8), 0xFFFFFFFFu);
  for (int64_t p = 0; p < parts; ++p) {
    const float* row = d.data() + p * n;
    const float* want = v.data() + p * 8;
    for (int i = 0; i < 8; ++i) {
      int skip = 0;  // earlier vals equal to this one take the earlier occurrences
      for (int j = 0; j < i; ++j) skip += want[j] == want[i];
      for (int64_t k = 0; k < n; ++k) {
        if (row[k] != want[i]) continue;
        if (skip-- == 0) {
          out[p * 8 + i] = static_cast<uint32_t>(k);
          break;
        }
      }
    }
  }
  m.write_bits(dst, out.data());
}

}  // namespace nki::sim

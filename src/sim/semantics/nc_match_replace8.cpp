// nc_match_replace8: dst = data (through fp32) with, for i = 7 down to 0, the first not yet
// replaced occurrence of vals[p, i] replaced by imm; dst_idx[p, i] (when given) = its index.
// Processing vals from the last makes repeated vals take successive occurrences in descending
// slot order, as the NKI documentation specifies (the opposite of nc_find_index8). A value that
// does not occur replaces nothing; its dst_idx slot gets all ones, as nc_find_index8 (undefined
// in the documentation). Values compare as fp32; NaN matches nothing.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_nc_match_replace8(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::nc_match_replace8);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  const Walk vals = m.walk(inst, R("vals"));
  const int64_t parts = partitions_of(inst.operands[R("data")].ap);
  const int64_t n = per_partition(data.size(), parts);
  NKI_CHECK(dst.size() == data.size() && vals.size() == parts * 8,  // the verifier's rules
            "nc_match_replace8 reached the simulator with unverified shapes");
  const float imm = static_cast<float>(inst.attr_float("imm"));
  std::vector<float> out = m.read_f32(data);
  const std::vector<float> v = m.read_f32(vals);
  std::vector<uint32_t> idx(static_cast<size_t>(parts * 8), 0xFFFFFFFFu);
  std::vector<char> taken(static_cast<size_t>(n));
  const std::vector<float> orig = out;
  for (int64_t p = 0; p < parts; ++p) {
    std::fill(taken.begin(), taken.end(), 0);
    for (int i = 7; i >= 0; --i) {
      const float want = v[p * 8 + i];
      for (int64_t k = 0; k < n; ++k) {
        if (taken[k] || orig[p * n + k] != want) continue;
        taken[k] = 1;
        out[p * n + k] = imm;
        idx[p * 8 + i] = static_cast<uint32_t>(k);
        break;
      }
    }
  }
  m.write_f32(dst, out.data());
  if (inst.operands.size() > 3 && inst.operands[R("dst_idx")].is_tensor()) {
    const Walk di = m.walk(inst, R("dst_idx"));
    NKI_CHECK(di.size() == parts * 8, "nc_match_replace8: dst_idx reached the simulator unverified");
    m.write_bits(di, idx.data());
  }
}

}  // namespace nki::sim

// sequence_bounds: segment_ids is one partition of N ids; each maximal run of equal, non-zero
// ids is a segment. For element i, dst[0,0,i] is the index where i's segment starts and
// dst[0,1,i] the index one past its end; padding (id 0) gets start N and end -1. The ids are
// compared exactly (int32 ids as integers, float32 ids as floats); the bounds are written
// through fp32 (exact: N is at most a partition's elements).
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_sequence_bounds(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::sequence_bounds);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk ids_w = m.walk(inst, R("segment_ids"));
  std::vector<double> ids;
  if (is_integer(ids_w.dtype)) {
    for (uint32_t w : m.read_bits(ids_w)) ids.push_back(static_cast<int32_t>(w));
  } else {
    for (float f : m.read_f32(ids_w)) ids.push_back(f);
  }
  const auto n = static_cast<int64_t>(ids.size());
  NKI_CHECK(dst.size() == 2 * n, "sequence_bounds reached the simulator with unverified shapes");
  std::vector<float> out(static_cast<size_t>(2 * n));
  for (int64_t i = 0; i < n; ++i) {  // starts, left to right
    const bool pad = ids[i] == 0;
    out[i] = pad                               ? static_cast<float>(n)
             : (i > 0 && ids[i] == ids[i - 1]) ? out[i - 1]
                                               : static_cast<float>(i);
  }
  for (int64_t i = n; i-- > 0;) {  // ends, right to left
    const bool pad = ids[i] == 0;
    out[n + i] = pad                                   ? -1.0f
                 : (i + 1 < n && ids[i] == ids[i + 1]) ? out[n + i + 1]
                                                       : static_cast<float>(i + 1);
  }
  m.write_f32(dst, out.data());
}

}  // namespace nki::sim

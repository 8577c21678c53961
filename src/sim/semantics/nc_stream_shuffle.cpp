// nc_stream_shuffle: in each 32-partition quadrant of the access, dst partition i copies src
// partition shuffle_mask[i] of the same quadrant (raw bytes; the dtypes match); a mask entry of
// 255 leaves dst partition i unchanged. src is read whole before dst is written, so an in-place
// shuffle (dst is src) sees the original rows.
#include <cstring>

#include "sim/semantics/common.h"

namespace nki::sim {

void exec_nc_stream_shuffle(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::nc_stream_shuffle);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk src = m.walk(inst, R("src"));
  const int64_t dparts = partitions_of(inst.operands[R("dst")].ap),
                sparts = partitions_of(inst.operands[R("src")].ap);
  const int64_t per = per_partition(dst.size(), dparts);
  NKI_CHECK(sparts * per == src.size(),  // the verifier's rule
            "nc_stream_shuffle reached the simulator with unverified shapes");
  const std::vector<int64_t> mask = parse_int_list(inst.attr_str("shuffle_mask"));
  const std::vector<uint8_t> in = m.gather(src);
  std::vector<uint8_t> out = m.gather(dst, false);  // kept where not written: not a use
  const size_t row = static_cast<size_t>(per * dst.esize);
  for (int64_t i = 0; i < dparts; ++i) {
    const int64_t lane = i % 32, sel = lane < static_cast<int64_t>(mask.size()) ? mask[lane] : 255;
    if (sel == 255) continue;
    const int64_t s = i - lane + sel;
    if (sel < 0 || sel >= 32 || s >= sparts)
      throw UserError("shuffle_mask[" + std::to_string(lane) + "] = " + std::to_string(sel) +
                      " selects src partition " + std::to_string(s) + ", but src has " +
                      std::to_string(sparts) + " partitions");
    std::memcpy(out.data() + i * row, in.data() + s * row, row);
  }
  m.scatter(dst, out.data());
}

}  // namespace nki::sim

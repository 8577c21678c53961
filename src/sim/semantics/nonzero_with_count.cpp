// nonzero_with_count: only partitions 0, 16, ..., 112 of the access (the first partition of each
// GpSimd core's 16) are read and written: dst[p] = the indices k of src[p]'s nonzero elements
// plus index_offset, in increasing order, then padding_val up to src's length, then the count.
// float32 src: x != 0 (NaN counts as nonzero, -0.0 as zero); int32 src: the raw word != 0.
// The other partitions of dst keep their contents.
#include <cstring>

#include "sim/semantics/common.h"

namespace nki::sim {

void exec_nonzero_with_count(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::nonzero_with_count);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk src = m.walk(inst, R("src"));
  const int64_t parts = partitions_of(inst.operands[R("src")].ap);
  const int64_t n = per_partition(src.size(), parts);
  NKI_CHECK(dst.size() == parts * (n + 1),  // the verifier's rule
            "nonzero_with_count reached the simulator with unverified shapes");
  const int64_t offset = inst.attr_int("index_offset"), pad = inst.attr_int("padding_val");
  std::vector<bool> nonzero(static_cast<size_t>(src.size()));
  if (is_integer(src.dtype)) {
    const std::vector<uint32_t> w = m.read_bits(src);
    for (size_t k = 0; k < w.size(); ++k) nonzero[k] = w[k] != 0;
  } else {
    const std::vector<float> v = m.read_f32(src);
    for (size_t k = 0; k < v.size(); ++k) nonzero[k] = v[k] != 0.0f;  // NaN != 0
  }
  std::vector<uint8_t> out = m.gather(dst, false);  // kept where not written: not a use
  const int es = dst.esize;
  for (int64_t p = 0; p < parts; p += 16) {
    std::vector<int32_t> row(static_cast<size_t>(n + 1), static_cast<int32_t>(pad));
    int32_t count = 0;
    for (int64_t k = 0; k < n; ++k)
      if (nonzero[p * n + k]) row[count++] = static_cast<int32_t>(k + offset);
    row[n] = count;
    for (int64_t k = 0; k <= n; ++k)
      std::memcpy(out.data() + (p * (n + 1) + k) * es, &row[k], static_cast<size_t>(es));
  }
  m.scatter(dst, out.data());
}

}  // namespace nki::sim

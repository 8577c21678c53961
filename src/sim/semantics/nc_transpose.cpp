// nc_transpose: data viewed as [P, F] (partition dim by flattened free dims) becomes dst [F, P]:
// dst[j, i] = data[i, j], bit-exact. The Tensor engine path (a matmul against the identity) and
// the Vector engine's 32x32 block transpose compute the same values.
#include <cstring>

#include "sim/semantics/common.h"

namespace nki::sim {

void exec_nc_transpose(Machine& m, const Instruction& inst) {
  const Walk dst = m.walk(inst, 0);
  const Walk data = m.walk(inst, 1);
  const int64_t P = partitions_of(inst.operands[1].ap);
  const int64_t F = P > 0 ? data.size() / P : 0;
  const int64_t dst_parts = partitions_of(inst.operands[0].ap);
  if (dst.size() != data.size() || (data.size() > 0 && dst_parts != F))
    throw UserError("dst must be data transposed: data is [" + std::to_string(P) + ", " + std::to_string(F) +
                    "], so dst must be [" + std::to_string(F) + ", " + std::to_string(P) + "], but dst has " +
                    std::to_string(dst_parts) + " partitions and " + std::to_string(dst.size()) +
                    " elements");
  const size_t es = static_cast<size_t>(data.esize);
  const std::vector<uint8_t> in = m.gather(data);
  std::vector<uint8_t> out(in.size());
  for (int64_t i = 0; i < P; ++i)
    for (int64_t j = 0; j < F; ++j)
      std::memcpy(out.data() + (j * P + i) * es, in.data() + (i * F + j) * es, es);
  if (dst.dtype == data.dtype) {
    m.scatter(dst, out.data());
  } else {
    // The verifier requires equal dtypes; convert anyway rather than reinterpret bytes.
    std::vector<float> v(static_cast<size_t>(dst.size()));
    for (size_t k = 0; k < v.size(); ++k) v[k] = load_as_f32(data.dtype, out.data() + k * es);
    m.write_f32(dst, v.data());
  }
}

}  // namespace nki::sim

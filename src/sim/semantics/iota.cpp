// iota: dst[p, k] = offset + p * channel_multiplier + sum(idx_d * step_d) over the [step, num]
// pattern, computed in int32 and converted to dst's dtype (through fp32 for float dtypes;
// integer dtypes take the value exactly when it fits, else saturate).
#include <algorithm>

#include "sim/semantics/common.h"

namespace nki::sim {

void exec_iota(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::iota);
  const Walk dst = m.walk(inst, R("dst"));
  const int64_t parts = partitions_of(inst.operands[R("dst")].ap);
  const std::vector<int64_t> v = affine_values(inst, parts);
  if (static_cast<int64_t>(v.size()) != dst.size())
    throw UserError("the pattern generates " + std::to_string(v.size() / std::max<int64_t>(parts, 1)) +
                    " values per partition but dst has " +
                    std::to_string(dst.size() / std::max<int64_t>(parts, 1)));
  if (is_integer(dst.dtype) && dst.dtype != DType::bool_) {
    // Exact for every int32 value (fp32 would round beyond 2^24); saturate into narrower types.
    std::vector<float> tmp;
    std::vector<uint32_t> w(v.size());
    const int64_t bits = dtype_size(dst.dtype) * 8;
    const bool is_signed = is_signed_integer(dst.dtype);
    const int64_t lo = is_signed ? -(int64_t{1} << (bits - 1)) : 0;
    const int64_t hi = is_signed ? (int64_t{1} << (bits - 1)) - 1 : (int64_t{1} << bits) - 1;
    for (size_t k = 0; k < v.size(); ++k) w[k] = static_cast<uint32_t>(std::clamp(v[k], lo, hi));
    m.write_bits(dst, w.data());
    return;
  }
  std::vector<float> f(v.size());
  for (size_t k = 0; k < v.size(); ++k) f[k] = static_cast<float>(v[k]);
  m.write_f32(dst, f.data());
}

}  // namespace nki::sim

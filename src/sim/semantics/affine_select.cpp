// affine_select: dst = cmp_op(value, 0) ? on_true_tile : on_false_value, where value is iota's
// affine generator (pattern, offset, channel_multiplier). Selected elements keep their bits when
// the dtypes match, else convert through fp32; on_false_value is an fp32 immediate.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_affine_select(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::affine_select);
  const AluOp cmp = inst.attr_alu("cmp_op");
  const float on_false = static_cast<float>(inst.attr_float("on_false_value"));
  const Walk dst = m.walk(inst, R("dst"));
  const Walk src = m.walk(inst, R("on_true_tile"));
  check_same_size(dst, "dst", src, "on_true_tile");
  const int64_t parts = partitions_of(inst.operands[R("on_true_tile")].ap);
  const std::vector<int64_t> v = affine_values(inst, parts);
  if (static_cast<int64_t>(v.size()) != dst.size())
    throw UserError("the pattern generates " + std::to_string(v.size()) + " values but dst has " +
                    std::to_string(dst.size()));
  std::vector<float> t = m.read_f32(src);
  std::vector<uint8_t> keep(t.size());
  for (size_t k = 0; k < t.size(); ++k) keep[k] = apply_alu(cmp, static_cast<float>(v[k]), 0.0f) != 0.0f;
  if (dst.dtype == src.dtype) {
    // Bit-exact for the selected elements.
    std::vector<uint8_t> bytes = m.gather(src);
    std::vector<uint8_t> fill(static_cast<size_t>(dst.esize));
    store_from_f32(dst.dtype, on_false, fill.data());
    for (size_t k = 0; k < keep.size(); ++k)
      if (!keep[k]) std::copy(fill.begin(), fill.end(), bytes.begin() + static_cast<int64_t>(k) * dst.esize);
    m.scatter(dst, bytes.data());
    return;
  }
  for (size_t k = 0; k < t.size(); ++k)
    if (!keep[k]) t[k] = on_false;
  m.write_f32(dst, t.data());
}

}  // namespace nki::sim

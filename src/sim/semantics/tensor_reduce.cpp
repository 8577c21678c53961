// tensor_reduce: per partition, reduce data's trailing free axes (axis=, e.g. "2,3") with op.
// Arithmetic operators fold left in fp32 from the first element (x0 op x1 op ...), then the
// result is negated when negate; bit-vector operators fold the raw integer words.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_tensor_reduce(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::tensor_reduce);
  const AluOp op = inst.attr_alu("op");
  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  // The reduced group: the product of the trailing dims named by axis (the verifier checks
  // that they are the trailing ones).
  const AccessPattern& ap = inst.operands[R("data")].ap;
  const std::string axes = inst.attr_str("axis");
  int64_t first = static_cast<int64_t>(ap.dims.size());
  for (char c : axes)
    if (c >= '0' && c <= '9') first = std::min<int64_t>(first, c - '0');
  int64_t group = 1;
  for (size_t d = static_cast<size_t>(first); d < ap.dims.size(); ++d) group *= ap.dims[d].num;
  if (group <= 0 || data.size() % group != 0 || dst.size() != data.size() / group)
    throw UserError("dst has " + std::to_string(dst.size()) + " elements; reducing " +
                    std::to_string(data.size()) + " elements in groups of " + std::to_string(group) +
                    " gives " + std::to_string(per_partition(data.size(), group)));
  const int64_t n = dst.size();
  if (is_bitvec(op)) {
    const std::vector<uint32_t> v = m.read_bits(data);
    std::vector<uint32_t> out(static_cast<size_t>(n));
    for (int64_t g = 0; g < n; ++g) {
      uint32_t r = v[g * group];
      for (int64_t k = 1; k < group; ++k) r = apply_bitvec(op, r, v[g * group + k]);
      out[g] = r;
    }
    m.write_bits(dst, out.data());
    return;
  }
  const bool negate = inst.attr_bool("negate");
  const std::vector<float> v = m.read_f32(data);
  std::vector<float> out(static_cast<size_t>(n));
  for (int64_t g = 0; g < n; ++g) {
    float r = v[g * group];
    for (int64_t k = 1; k < group; ++k) r = apply_alu(op, r, v[g * group + k]);
    out[g] = negate ? -r : r;
  }
  m.write_f32(dst, out.data());
}

}  // namespace nki::sim

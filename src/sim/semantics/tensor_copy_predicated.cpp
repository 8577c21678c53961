// tensor_copy_predicated: where the predicate element is non-zero (zero with reverse_pred),
// dst = src (a tile, bit-exact since the dtypes match, or an immediate); elsewhere dst keeps its
// contents. The predicate is read as raw integer words.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_tensor_copy_predicated(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::tensor_copy_predicated);
  const bool reverse = inst.attr_bool("reverse_pred");
  const Walk dst = m.walk(inst, R("dst"));
  const Walk pred = m.walk(inst, R("predicate"));
  check_same_size(dst, "dst", pred, "predicate");
  const std::vector<uint32_t> p = m.read_bits(pred);
  std::vector<uint8_t> out = m.gather(dst, false);  // kept where the predicate is off: not a use
  const auto es = static_cast<size_t>(dst.esize);
  std::vector<uint8_t> src;
  if (inst.operands[R("src")].is_imm()) {
    std::vector<uint8_t> one(es);
    store_from_f32(dst.dtype, static_cast<float>(inst.operands[R("src")].imm), one.data());
    src.resize(out.size());
    for (size_t k = 0; k < p.size(); ++k) std::copy(one.begin(), one.end(), src.begin() + k * es);
  } else {
    const Walk s = m.walk(inst, R("src"));
    check_same_size(dst, "dst", s, "src");
    if (s.dtype != dst.dtype) {
      const std::vector<float> f = m.read_f32(s);
      src.resize(out.size());
      for (size_t k = 0; k < f.size(); ++k) store_from_f32(dst.dtype, f[k], src.data() + k * es);
    } else {
      src = m.gather(s);
    }
  }
  for (size_t k = 0; k < p.size(); ++k)
    if ((p[k] != 0) != reverse)
      std::copy(src.begin() + k * es, src.begin() + (k + 1) * es, out.begin() + k * es);
  m.scatter(dst, out.data());
}

}  // namespace nki::sim

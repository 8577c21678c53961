// dma_copy: dst = src element by element in row-major order (the shapes may differ, the element
// counts may not). Equal dtypes copy bits; otherwise the DMA casts through fp32.
// Dynamically addressed operands (.ap(scalar_offset= / vector_offset=)) are resolved at run time;
// an element outside its tensor fails the instruction (oob_mode=error) or is not transferred
// (oob_mode=skip: neither read nor written, so dst keeps its old value there).
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_dma_copy(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::dma_copy);
  const bool skip = inst.attr_str("oob_mode") == "skip";
  std::vector<uint8_t> dst_ok, src_ok;
  Walk dst = m.walk(inst.operands.at(R("dst")).ap, "dst", skip ? &dst_ok : nullptr);
  Walk src = m.walk(inst.operands.at(R("src")).ap, "src", skip ? &src_ok : nullptr);
  check_same_size(dst, "dst", src, "src");
  if (!dst_ok.empty() || !src_ok.empty()) {
    std::vector<int64_t> ks;
    for (int64_t k = 0; k < dst.size(); ++k)
      if ((dst_ok.empty() || dst_ok[k]) && (src_ok.empty() || src_ok[k])) ks.push_back(k);
    if (static_cast<int64_t>(ks.size()) != dst.size()) {
      dst = dst.subset(ks);
      src = src.subset(ks);
    }
  }
  copy_elements(m, dst, src);
}

}  // namespace nki::sim

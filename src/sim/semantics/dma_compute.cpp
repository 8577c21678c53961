// dma_compute: dst = src0 + src1 + ... element by element (row-major, equal element counts), each
// source read as fp32, the sum rounded once to dst's dtype (reduce_op=nl.add, scales 1.0 — the
// only forms the DMA engines compute). The read-modify-write forms are the same sum with dst among
// the sources: scatter-add dst(HBM)[idx] += src and gather-add dst += src(HBM)[idx]. With
// oob_mode=skip an element whose dynamic address is out of bounds in any operand is skipped.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_dma_compute(Machine& m, const Instruction& inst) {
  const bool skip = inst.attr_str("oob_mode") == "skip";
  const auto& roles = op_info(inst.op).operands;
  std::vector<Walk> walks;
  std::vector<std::vector<uint8_t>> ok;
  for (size_t i = 0; i < inst.operands.size(); ++i) {
    if (!inst.operands[i].is_tensor()) continue;
    ok.emplace_back();
    walks.push_back(m.walk(inst.operands[i].ap, roles[i].name, skip ? &ok.back() : nullptr));
    if (walks.size() > 1) check_same_size(walks[0], "dst", walks.back(), roles[i].name.c_str());
  }
  std::vector<int64_t> ks;
  bool all = true;
  for (int64_t k = 0; k < walks[0].size(); ++k) {
    bool in = true;
    for (const auto& v : ok) in = in && (v.empty() || v[static_cast<size_t>(k)]);
    if (in)
      ks.push_back(k);
    else
      all = false;
  }
  if (!all)
    for (auto& w : walks) w = w.subset(ks);
  std::vector<float> sum(ks.size(), 0.0f);
  for (size_t i = 1; i < walks.size(); ++i) {
    const std::vector<float> v = m.read_f32(walks[i]);
    for (size_t k = 0; k < sum.size(); ++k) sum[k] += v[k];
  }
  m.write_f32(walks[0], sum.data());
}

}  // namespace nki::sim

// The DMA instructions' rules (nki-api.md §7.8): descriptor generation modes per target
// (dge_mode, the hardware DGE's trigger engine, no casting on the hardware DGE), and the rules of
// dynamically addressed operands (§4.6): vector_offset only on DMA instructions, and a dynamic
// DMA needs run-time descriptor generation.
#include "passes/verify_checker.h"

namespace nki::verifier {

void Checker::check_dynamic(size_t i) const {
  const Operand& o = operand(i);
  if (!o.is_tensor() || !o.ap.dynamic) return;
  if (o.ap.dynamic->vector && inst.engine != Engine::Dma)
    fail(fmt::format("{} {}: vector_offset (indirect gather/scatter) is only for DMA instructions", role(i),
                     name_of(o)));
}

void Checker::check_dma_modes() const {
  const std::string dge = str_attr("dge_mode", "unknown");
  const Operand* dynamic = nullptr;
  bool vector = false;
  for (const Operand& o : inst.operands)
    if (o.is_tensor() && o.ap.dynamic) {
      dynamic = &o;
      vector = vector || o.ap.dynamic->vector;
    }
  if (dge == "hwdge" && arch.nc_version < 3)
    fail(fmt::format("dge_mode=hwdge needs NeuronCore-v3 (trn2) or newer, not {}", arch.name));
  if (dge == "none" && dynamic)
    fail(fmt::format("{} is dynamically addressed, which needs descriptors generated at run time: dge_mode "
                     "swdge or hwdge, not none",
                     name_of(*dynamic)));
  if (dge == "hwdge" && vector)
    fail("vector_offset (gather/scatter) needs dge_mode=swdge; the hardware DGE has no indirection");
  if (dge == "hwdge" && is_tensor(0) && is_tensor(1) && dtype(0) != dtype(1))
    fail(fmt::format("dge_mode=hwdge cannot cast: dst is {} and src is {}; give both the same dtype (.view())",
                     dtype_name(dtype(0)), dtype_name(dtype(1))));
  const std::string eng = str_attr("dge_engine", "");
  if (!eng.empty()) {
    if (dge != "hwdge") fail("engine= picks the engine that triggers the hardware DGE; it needs dge_mode=hwdge");
    if (eng != "sync" && eng != "scalar")
      fail(fmt::format("the hardware DGE is triggered from the sync or scalar engine, not {}", eng));
  }
}

}  // namespace nki::verifier

// dma_copy: dst = src element by element in row-major order (the shapes may differ, the element
// counts may not). Equal dtypes copy bits; otherwise the DMA casts through fp32.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_dma_copy(Machine& m, const Instruction& inst) {
  const Walk dst = m.walk(inst, 0);
  const Walk src = m.walk(inst, 1);
  check_same_size(dst, "dst", src, "src");
  copy_elements(m, dst, src);
}

}  // namespace nki::sim

// tensor_copy: dst = src element-wise on a compute engine; bit-exact when the dtypes match,
// else converted through fp32 with rounding to the dst dtype.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_tensor_copy(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::tensor_copy);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk src = m.walk(inst, R("src"));
  check_same_size(dst, "dst", src, "src");
  copy_elements(m, dst, src);
}

}  // namespace nki::sim

// alloc: a storage comes into existence. Its memory is poisoned (NaN for floats, 4 for
// integers, as the NKI simulator does) so that reading it before writing shows; a PSUM storage
// also starts a fresh accumulation state (nc_matmul accumulate="auto" overwrites first).
// Kernel arguments keep the data set_input put there; tensors shared by the cores of an LNC2
// launch were poisoned once before the cores started.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_alloc(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::alloc);
  if (inst.operands.empty() || !inst.operands[R("dst")].is_tensor()) throw UserError("dst must be a tensor");
  const Storage* s = inst.operands[R("dst")].ap.storage;
  if (s == nullptr) throw UserError("dst has no tensor");
  if (s->is_argument) return;
  for (const Storage* in : m.kernel().inputs)
    if (in == s) return;
  if (is_hbm(s->buffer) && m.is_shared(*s)) return;  // LNC2: poisoned once by the launch
  m.poison(*s);
}

}  // namespace nki::sim

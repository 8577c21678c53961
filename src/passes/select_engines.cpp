// Engine selection: where a kernel leaves engine=unknown, pick the engine the NKI compiler
// defaults to for that instruction.
#include "passes/passes.h"

namespace nki {

namespace {

Engine default_engine(const Instruction& inst) {
  switch (inst.op) {
    case Opcode::alloc: return Engine::None;
    case Opcode::dma_copy: return Engine::Dma;
    case Opcode::nc_matmul: return Engine::Tensor;
    case Opcode::activation: return Engine::Scalar;
    case Opcode::nc_transpose:
      // The Tensor Engine transposes SBUF into PSUM; the Vector Engine's 32x32 transpose
      // handles everything else.
      return inst.operands[0].ap.storage->buffer == Buffer::Psum &&
                     inst.operands[1].ap.storage->buffer == Buffer::Sbuf
                 ? Engine::Tensor
                 : Engine::Vector;
    case Opcode::tensor_tensor: {
      // nl.power exists only on the GpSimd engine (nki-api.md §7.5).
      return inst.attr_alu("op") == AluOp::Power ? Engine::GpSimd : Engine::Vector;
    }
    case Opcode::rand_set_state:
    case Opcode::rand_get_state:
      // The GpSimd engine holds a generator state on every generation that has these (v3+);
      // the Vector engine's needs NeuronCore-v4.
      return Engine::GpSimd;
    default: {
      // The Vector engine when the instruction may run there, else the first engine it may run on.
      const uint32_t mask = op_info(inst.op).engines;
      if (mask & ENG_VECTOR) return Engine::Vector;
      for (int e = 1; e <= static_cast<int>(Engine::Dma); ++e)
        if (mask & (1u << e)) return static_cast<Engine>(e);
      return Engine::None;
    }
  }
}

}  // namespace

void select_engines(Kernel& k, const Arch&) {
  for (auto& inst : k.body)
    if (inst.engine == Engine::None) inst.engine = default_engine(inst);
}

}  // namespace nki

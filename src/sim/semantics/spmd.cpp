// sendrecv, core_barrier and the collectives complete only together with the matching instruction of the
// other core, so the multi-core scheduler (sim/cores.cpp) executes them; these entries only complete the
// table that ops.def generates.
#include "sim/semantics/common.h"
#include "support/diagnostics.h"

namespace nki::sim {

namespace {
[[noreturn]] void scheduler_only(const Instruction& inst) {
  throw InternalError(std::string(op_name(inst.op)) +
                      " reached the instruction table; the core scheduler runs it");
}
}  // namespace

void exec_sendrecv(Machine&, const Instruction& inst) {
  scheduler_only(inst);
}
void exec_core_barrier(Machine&, const Instruction& inst) {
  scheduler_only(inst);
}
void exec_collective_all_reduce(Machine&, const Instruction& inst) {
  scheduler_only(inst);
}
void exec_collective_all_gather(Machine&, const Instruction& inst) {
  scheduler_only(inst);
}

}  // namespace nki::sim

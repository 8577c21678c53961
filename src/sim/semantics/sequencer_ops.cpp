// Sequencer instructions are executed by sim::Sequencer, which the dispatcher calls before this
// table is consulted (they move the program counter); these entries only complete the table that
// ops.def generates.
#include "sim/semantics/common.h"
#include "support/diagnostics.h"

namespace nki::sim {

namespace {
[[noreturn]] void dispatcher_only(const Instruction& inst) {
  throw InternalError(std::string(op_name(inst.op)) +
                      " reached the instruction table; the sequencer runs it");
}
}  // namespace

void exec_register_move(Machine&, const Instruction& inst) {
  dispatcher_only(inst);
}
void exec_register_load(Machine&, const Instruction& inst) {
  dispatcher_only(inst);
}
void exec_register_store(Machine&, const Instruction& inst) {
  dispatcher_only(inst);
}
void exec_loop_begin(Machine&, const Instruction& inst) {
  dispatcher_only(inst);
}
void exec_loop_end(Machine&, const Instruction& inst) {
  dispatcher_only(inst);
}

}  // namespace nki::sim

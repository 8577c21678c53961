// The cores of one launch: kernel[1] runs one simulated NeuronCore, kernel[2] (LNC2) two, each
// with its own SBUF, PSUM, engines and registers and the HBM tensors they share. A cooperative
// scheduler runs them: each core executes in program order up to its next sendrecv or
// core_barrier, and those complete when every core they involve has reached its matching one.
// Cores that wait for each other in a way that can never complete (a barrier only one core
// reaches, a sendrecv without its partner, mismatched pipe_ids) stop with an error at the
// instruction, never a hang.
#pragma once

#include <string>
#include <vector>

#include "ir/kernel.h"
#include "sim/simulator.h"
#include "support/diagnostics.h"

namespace nki::sim {

// sendrecv and core_barrier: the instructions that synchronise cores.
bool is_sync(Opcode op);
// The nki.collectives instructions (all_reduce, all_gather), executed over the cores of `cores`.
bool is_collective(Opcode op);

// "<op>: message" at the instruction's source line, with its inlined call chain.
UserError located_error(const Instruction& inst, const std::string& message);

// Given the sync instruction each core waits at (nullptr: the core has finished), the cores whose
// instructions complete together now (ascending). Throws a UserError at a waiting core's
// instruction when none can: the cores are deadlocked. Shared by the functional scheduler and the
// timing model, so both pair the instructions the same way.
std::vector<int> sync_group(const std::vector<const Instruction*>& at);

// Runs every core to its end; cores[i] is the core of nl.program_id() == i. With more than one
// core, accesses of the cores to shared HBM that no sync orders are errors (sim/races.h).
void run_cores(const std::vector<Simulator*>& cores);

}  // namespace nki::sim

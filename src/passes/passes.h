// The compiler passes over a specialized kernel, run in this order by run_pipeline:
//   select_engines  give every instruction the kernel left open its default engine
//   verify          check every hardware rule of the target on every instruction
//   allocate        give every SBUF and PSUM tensor an address, reusing dead tensors' space
//   schedule        the dependency graph between instructions and the semaphore waits it implies
// Each pass throws UserError pointing at the offending instruction's kernel line.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "arch/arch.h"
#include "ir/kernel.h"

namespace nki {

void select_engines(Kernel& k, const Arch& arch);
void verify(const Kernel& k, const Arch& arch);
void allocate(Kernel& k, const Arch& arch);

// The dependency graph of a kernel body (schedule pass). Kept beside the kernel, not inside its
// instructions, so the IR text (whose `after=` shows only the kernel's own hints) is unchanged.
struct Schedule {
  // deps[i]: indices of earlier instructions that must complete before instruction i starts,
  // sorted and unique: the kernel's explicit edges (Instruction::deps) plus every RAW, WAR and
  // WAW overlap of byte ranges (physical SBUF/PSUM placement, HBM per tensor).
  std::vector<std::vector<int>> deps;
  // carried[i]: for an instruction in a runtime loop's body, the body instructions at or after it
  // whose instance in the previous iteration it must wait for (loop-carried RAW, WAR, WAW).
  std::vector<std::vector<int>> carried;
  // waits[i]: the semaphore waits a real core needs before instruction i: for every other engine
  // (each DMA transfer counts as its own queue), the latest instruction of deps[i] on it.
  std::vector<std::vector<int>> waits;
};

Schedule schedule(const Kernel& k, const Arch& arch);
// The kernel's IR followed by the waits of every instruction that has any (--print-after-all).
std::string print_schedule(const Kernel& k, const Schedule& s);

struct PipelineOptions {
  // Called after each pass with its name and the kernel's text (for --print-after-all).
  std::function<void(const std::string& pass, const std::string& text)> after_pass;
};

// Runs every pass; returns the schedule of the allocated kernel.
Schedule run_pipeline(Kernel& k, const Arch& arch, const PipelineOptions& opts = {});

// A UserError located at `inst`, with its inlined call chain.
[[noreturn]] void fail_at(const Instruction& inst, const std::string& message);

}  // namespace nki

// The compiler passes over a specialized kernel, run in this order by run_pipeline:
//   select_engines  give every instruction the kernel left open its default engine
//   verify          check every hardware rule of the target on every instruction
//   allocate        give every SBUF and PSUM tensor an address, reusing dead tensors' space
// Each pass throws UserError pointing at the offending instruction's kernel line.
#pragma once

#include <functional>
#include <string>

#include "arch/arch.h"
#include "ir/kernel.h"

namespace nki {

void select_engines(Kernel& k, const Arch& arch);
void verify(const Kernel& k, const Arch& arch);
void allocate(Kernel& k, const Arch& arch);

struct PipelineOptions {
  // Called after each pass with its name and the kernel (for --print-after-all).
  std::function<void(const std::string& pass, const Kernel& k)> after_pass;
};

void run_pipeline(Kernel& k, const Arch& arch, const PipelineOptions& opts = {});

// A UserError located at `inst`, with its inlined call chain.
[[noreturn]] void fail_at(const Instruction& inst, const std::string& message);

}  // namespace nki

// The one entry point shared by the `nki` command and the Python module: load a kernel file,
// specialize one function for the given arguments, run the pass pipeline, simulate (functional
// and timing).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "arch/arch.h"
#include "ir/kernel.h"
#include "lang/specialize.h"  // ArgValue, NamedArg
#include "passes/passes.h"
#include "sim/timing/timing.h"
#include "support/npy.h"

namespace nki {

struct CompileOptions {
  std::string target = "trn2";
  std::vector<std::string> arch_sets;     // "KEY=VALUE" overrides of the target's config
  std::vector<std::string> module_paths;  // extra search paths for imports
  // Compile-time budget: unrolling past this many instructions is an error, not a hang.
  int64_t max_instructions = SpecializeOptions{}.max_instructions;
  // Receives the text of compile-time print() calls; stdout if empty.
  std::function<void(const std::string&)> print;
  // kernel.with_schedule(...): (consumer name, producer names) edges between named instructions.
  std::vector<std::pair<std::string, std::vector<std::string>>> schedule;
  // Receives the kernel's text after each pass (--print-after-all).
  std::function<void(const std::string& pass, const std::string& text)> after_pass;
};

struct CompiledKernel {
  std::unique_ptr<Kernel> kernel;
  Arch arch;          // the target's config with overrides applied
  Schedule schedule;  // the dependency graph of kernel->body
  // Which caller argument feeds each kernel input (index into the args vector given).
  std::vector<size_t> input_arg_index;
  std::vector<std::string> output_names;
  // Kernel inputs (indices into kernel->inputs) that some instruction writes: after a run their
  // contents are handed back (RunResult::written_inputs), as the device updates them in place.
  std::vector<size_t> written_inputs;
};

// Parses `path`, specializes function `fn` with `args`, runs the pass pipeline. Throws UserError
// with the kernel location on any problem.
CompiledKernel compile_kernel(const std::string& path, const std::string& fn,
                              const std::vector<NamedArg>& args, const CompileOptions& opts);

// Simulates a compiled kernel with the tensor arguments of `args` (the same vector given to
// compile_kernel) and returns its outputs in return order.
std::vector<HostArray> run_kernel(const CompiledKernel& ck, const std::vector<NamedArg>& args,
                                  const std::string& target);

struct RunOptions {
  bool functional = true;  // execute the numbers (false: --timing-only)
  bool timing = true;      // estimate the device time
};
struct RunResult {
  std::vector<HostArray> outputs;             // empty when !functional
  std::vector<HostArray> written_inputs;      // final contents of ck.written_inputs (when functional)
  std::optional<timing::TimingResult> timing;
};
// A fault while simulating is a UserError of ErrorClass::runtime.
RunResult run_kernel(const CompiledKernel& ck, const std::vector<NamedArg>& args, const RunOptions& opts);

}  // namespace nki

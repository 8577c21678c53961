// The one entry point shared by the `nki` command and the Python module: specialize a kernel
// function for the given arguments, run the pass pipeline, simulate (functional
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
#include "profile/profile.h"
#include "sim/timing/timing.h"
#include "support/npy.h"

namespace nki {

// The default of CompileOptions::max_hbm_bytes (and of the `--arg` tensors the command makes).
constexpr int64_t kDefaultMaxHbmBytes = int64_t{16} << 30;  // 16 GiB

struct CompileOptions {
  std::string target = "trn2";
  std::vector<std::string> arch_sets;  // "KEY=VALUE" overrides of the target's config
  // Compile-time budgets (docs/cli.md, "Limits"): unrolling past this many instructions,
  // nesting calls deeper, or more compile-time work (SpecializeOptions) is an error, not a hang.
  int64_t max_instructions = SpecializeOptions{}.max_instructions;
  int max_call_depth = SpecializeOptions{}.max_call_depth;
  int64_t max_compile_steps = SpecializeOptions{}.max_compile_steps;
  // The bytes of HBM tensors (arguments, outputs and nl.ndarray allocations in HBM) a kernel may
  // have: more is an error at compile time, before the simulator allocates anything.
  int64_t max_hbm_bytes = kDefaultMaxHbmBytes;
  // Receives the text of compile-time print() calls; stdout if empty.
  std::function<void(const std::string&)> print;
  // kernel.with_schedule(...): (consumer name, producer names) edges between named instructions.
  std::vector<std::pair<std::string, std::vector<std::string>>> schedule;
  // Receives the kernel's text after each pass (--print-after-all).
  std::function<void(const std::string& pass, const std::string& text)> after_pass;
  // The launch degree: kernel[lnc], `--lnc`. 1, or 2 (LNC2: two NeuronCores, trn2/trn3 only).
  int lnc = 1;
};

struct CompiledKernel {
  std::unique_ptr<Kernel> kernel;
  Arch arch;          // the target's config with overrides applied
  Schedule schedule;  // the dependency graph of kernel->body
  // Which caller argument feeds each kernel input (index into the args vector given).
  std::vector<size_t> input_arg_index;
  std::vector<std::string> output_names;
  // Kernel inputs (indices into kernel->inputs) that some instruction of some core writes: after
  // a run their contents are handed back (RunResult::written_inputs), as the device updates them
  // in place.
  std::vector<size_t> written_inputs;

  // LNC2 (lnc = 2): the kernel is specialized once per core (nl.program_id() = 0, 1). Core 0 is
  // `kernel` / `schedule` above; more_cores holds core 1. Both cores take the same inputs and
  // return the same outputs, which live once in shared HBM (see docs/language.md, SPMD).
  struct Core {
    std::unique_ptr<Kernel> kernel;
    Schedule schedule;
  };
  std::vector<Core> more_cores;
  int lnc() const { return 1 + static_cast<int>(more_cores.size()); }
  const Kernel& core_kernel(int c) const { return c == 0 ? *kernel : *more_cores.at(c - 1).kernel; }
  const Schedule& core_schedule(int c) const { return c == 0 ? schedule : more_cores.at(c - 1).schedule; }
};

// The IR of every core: the kernel text for one core; for LNC2 each core's text after a
// "; core N of 2 (nl.program_id() == N)" line.
std::string print_cores(const CompiledKernel& ck);

// Specializes the kernel function `host` provides (src/pyhost: a Python function) with `args`,
// runs the pass pipeline. Throws UserError with the kernel location on any problem.
CompiledKernel compile_kernel(const lang::Host& host, const std::vector<NamedArg>& args,
                              const CompileOptions& opts);

// Simulates a compiled kernel with the tensor arguments of `args` (the same vector given to
// compile_kernel) and returns its outputs in return order.
std::vector<HostArray> run_kernel(const CompiledKernel& ck, const std::vector<NamedArg>& args,
                                  const std::string& target);

struct RunOptions {
  bool functional = true;  // execute the numbers (false: --timing-only)
  bool timing = true;      // estimate the device time
  uint64_t seed = 0;       // seed of the engines' random-number generators (nisa.rng, ...)
  // Fail on the first read of SBUF/PSUM/HBM memory nothing wrote (`nki run --check-uninitialized`).
  bool check_uninitialized = false;
  // Iterations of all runtime loops together (loop_end jumps back) before the run stops with an
  // error at the loop: 0 for the default (sim::Sequencer::default_max_iterations()).
  int64_t max_loop_iterations = 0;
};
struct RunResult {
  std::vector<HostArray> outputs;                 // empty when !functional
  std::vector<HostArray> written_inputs;          // final contents of ck.written_inputs (when functional)
  std::optional<timing::TimingResult> timing;     // core 0 (the only core of a one-core launch)
  std::vector<timing::TimingResult> core_timing;  // every core (core c: ck.core_kernel(c)), when timing
  // The launch's estimated device time: the latest core's total_ns (0 without timing).
  double device_ns() const {
    double ns = 0;
    for (const auto& t : core_timing) ns = ns > t.total_ns ? ns : t.total_ns;
    return ns;
  }
};
// A fault while simulating is a UserError of ErrorClass::runtime.
RunResult run_kernel(const CompiledKernel& ck, const std::vector<NamedArg>& args, const RunOptions& opts);

// The cores of a timed run, as the profiler's summary and trace take them (rr must have timing).
std::vector<profile::CoreRun> core_runs(const CompiledKernel& ck, const RunResult& rr);

}  // namespace nki

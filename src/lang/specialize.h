// Entry point of the specializer: one kernel function of one file, specialized for concrete
// arguments (tensor shapes and dtypes, compile-time values) into an IR Kernel.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "arch/arch.h"
#include "ir/kernel.h"
#include "lang/host.h"
#include "support/npy.h"

namespace nki {

// A kernel argument as a caller provides it: a tensor (becomes an HBM input; only its shape and
// dtype matter for specialization) or a compile-time value. Tuples and lists nest.
struct ArgValue {
  struct None {};
  // A Python object (a function, an enum member, a config object, ...): the host converts it.
  using Host = std::shared_ptr<const lang::HostObject>;
  std::variant<None, bool, int64_t, double, std::string, HostArray, std::vector<ArgValue>, Host> v;
  bool is_tuple = true;  // for the vector alternative: tuple (true) or list (false)
};

struct NamedArg {
  std::string name;  // empty for positional
  ArgValue value;
};

struct SpecializeOptions {
  std::function<void(const std::string&)> print;  // compile-time print(); stdout if empty
  // SPMD: the kernel is specialized once per core of the launch (kernel[n]); program_id is the
  // core being specialized, num_programs the launch degree (1, or 2 for LNC2).
  int program_id = 0;
  int num_programs = 1;
  // Compile-time budgets: unrolling past max_instructions, nesting calls deeper than
  // max_call_depth or doing more than max_compile_steps of compile-time work (loop iterations,
  // calls, elements of built values: Interp::spend) stops with an error instead of running away.
  int64_t max_instructions = 5'000'000;
  int max_call_depth = 200;
  int64_t max_compile_steps = 10'000'000;
  // kernel.with_schedule(edges): (consumer name, producer names) pairs over the name= of
  // instructions. Every instruction named consumer waits for every earlier one named producer.
  std::vector<std::pair<std::string, std::vector<std::string>>> schedule;
};

struct Specialized {
  std::unique_ptr<Kernel> kernel;
  std::vector<size_t> input_arg_index;  // for each kernel input, the index into the caller's args
};

// Specializes the kernel function `host` provides. Throws UserError pointing into the kernel
// source for every problem.
Specialized specialize(const lang::Host& host, const std::vector<NamedArg>& args, const Arch& arch,
                       const SpecializeOptions& opts);

}  // namespace nki

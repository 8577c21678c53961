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
#include "support/npy.h"

namespace nki {

// A kernel argument as a caller provides it: a tensor (becomes an HBM input; only its shape and
// dtype matter for specialization) or a compile-time value. Tuples and lists nest.
struct ArgValue {
  struct None {};
  // A Python object the kernel's own source defines or nki provides, passed by reference:
  //   kind "function": a function of `file`, `qualname` its name;
  //   kind "enum":     a member of an Enum class of `file`, qualname "Class.MEMBER";
  //   kind "object":   an instance of an nl.NKIObject class of `file` (qualname), whose instance
  //                    fields are `field_names` / `field_values` (its __dict__, copied);
  //   kind "nl" / "nisa": an attribute of nki.language / nki.isa, e.g. "exp", "bfloat16", "sbuf",
  //                    "engine.vector".
  struct Ref {
    std::string kind, file, qualname;
    std::vector<std::string> field_names;
    std::vector<ArgValue> field_values;
  };
  std::variant<None, bool, int64_t, double, std::string, HostArray, std::vector<ArgValue>, Ref> v;
  bool is_tuple = true;  // for the vector alternative: tuple (true) or list (false)
};

struct NamedArg {
  std::string name;  // empty for positional
  ArgValue value;
};

struct SpecializeOptions {
  std::vector<std::string> module_paths;  // import search paths after the kernel's own folder
  std::function<void(const std::string&)> print;  // compile-time print(); stdout if empty
  // SPMD: the kernel is specialized once per core of the launch (kernel[n]); program_id is the
  // core being specialized, num_programs the launch degree (1, or 2 for LNC2).
  int program_id = 0;
  int num_programs = 1;
  // Compile-time budgets: unrolling past max_instructions or nesting calls deeper than
  // max_call_depth stops with an error instead of running away.
  int64_t max_instructions = 5'000'000;
  int max_call_depth = 200;
  // kernel.with_schedule(edges): (consumer name, producer names) pairs over the name= of
  // instructions. Every instruction named consumer waits for every earlier one named producer.
  std::vector<std::pair<std::string, std::vector<std::string>>> schedule;
};

struct Specialized {
  std::unique_ptr<Kernel> kernel;
  std::vector<size_t> input_arg_index;  // for each kernel input, the index into the caller's args
};

// Throws UserError pointing into the kernel source for every problem.
Specialized specialize(const std::string& path, const std::string& fn, const std::vector<NamedArg>& args,
                       const Arch& arch, const SpecializeOptions& opts);

}  // namespace nki

// The one entry point shared by the `nki` command and the Python module: load a kernel file,
// specialize one function for the given arguments, run the pass pipeline, simulate.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "ir/kernel.h"
#include "lang/specialize.h"  // ArgValue, NamedArg
#include "support/npy.h"

namespace nki {

struct CompileOptions {
  std::string target = "trn2";
  std::vector<std::string> module_paths;  // extra search paths for imports
  // Receives the text of compile-time print() calls; stdout if empty.
  std::function<void(const std::string&)> print;
};

struct CompiledKernel {
  std::unique_ptr<Kernel> kernel;
  // Which caller argument feeds each kernel input (index into the args vector given).
  std::vector<size_t> input_arg_index;
  std::vector<std::string> output_names;
};

// Parses `path`, specializes function `fn` with `args`, runs verify + allocate (+ engine
// selection). Throws UserError with the kernel location on any problem.
CompiledKernel compile_kernel(const std::string& path, const std::string& fn,
                              const std::vector<NamedArg>& args, const CompileOptions& opts);

// Simulates a compiled kernel with the tensor arguments of `args` (the same vector given to
// compile_kernel) and returns its outputs in return order.
std::vector<HostArray> run_kernel(const CompiledKernel& ck, const std::vector<NamedArg>& args,
                                  const std::string& target);

}  // namespace nki

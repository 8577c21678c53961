// compile_kernel / run_kernel: the pipeline from a kernel file to simulated outputs.
#include "driver/driver.h"

#include "arch/arch.h"
#include "lang/specialize.h"
#include "passes/passes.h"
#include "sim/simulator.h"
#include "support/diagnostics.h"

namespace nki {

CompiledKernel compile_kernel(const std::string& path, const std::string& fn, const std::vector<NamedArg>& args,
                              const CompileOptions& opts) {
  const Arch& arch = get_arch(opts.target);
  SpecializeOptions so;
  so.module_paths = opts.module_paths;
  so.print = opts.print;
  Specialized sp = specialize(path, fn, args, arch, so);
  run_pipeline(*sp.kernel, arch);
  CompiledKernel ck;
  ck.kernel = std::move(sp.kernel);
  ck.input_arg_index = std::move(sp.input_arg_index);
  for (const Storage* s : ck.kernel->outputs) ck.output_names.push_back(s->name);
  return ck;
}

std::vector<HostArray> run_kernel(const CompiledKernel& ck, const std::vector<NamedArg>& args,
                                  const std::string& target) {
  const Arch& arch = get_arch(target);
  Simulator sim(arch, *ck.kernel);
  for (size_t i = 0; i < ck.input_arg_index.size(); ++i) {
    const NamedArg& a = args.at(ck.input_arg_index[i]);
    const HostArray* h = std::get_if<HostArray>(&a.value.v);
    NKI_CHECK(h != nullptr, "kernel input is not a tensor argument");
    sim.set_input(i, *h);
  }
  sim.run();
  std::vector<HostArray> outs;
  for (size_t i = 0; i < ck.kernel->outputs.size(); ++i) outs.push_back(sim.output(i));
  return outs;
}

}  // namespace nki

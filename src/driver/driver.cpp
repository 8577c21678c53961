// compile_kernel / run_kernel: the pipeline from a kernel file to simulated outputs and timing.
#include "driver/driver.h"

#include "lang/specialize.h"
#include "sim/simulator.h"
#include "support/diagnostics.h"

namespace nki {

CompiledKernel compile_kernel(const std::string& path, const std::string& fn, const std::vector<NamedArg>& args,
                              const CompileOptions& opts) {
  CompiledKernel ck;
  ck.arch = with_overrides(get_arch(opts.target), opts.arch_sets);
  SpecializeOptions so;
  so.module_paths = opts.module_paths;
  so.print = opts.print;
  so.schedule = opts.schedule;
  so.max_instructions = opts.max_instructions;
  Specialized sp = specialize(path, fn, args, ck.arch, so);
  PipelineOptions po;
  po.after_pass = opts.after_pass;
  ck.schedule = run_pipeline(*sp.kernel, ck.arch, po);
  ck.kernel = std::move(sp.kernel);
  ck.input_arg_index = std::move(sp.input_arg_index);
  for (const Storage* s : ck.kernel->outputs) ck.output_names.push_back(s->name);
  return ck;
}

RunResult run_kernel(const CompiledKernel& ck, const std::vector<NamedArg>& args, const RunOptions& opts) {
  RunResult r;
  std::vector<int32_t> register_loads;
  if (opts.functional) {
    Simulator sim(ck.arch, *ck.kernel);
    sim.set_seed(opts.seed);
    if (opts.check_uninitialized) sim.check_uninitialized();
    for (size_t i = 0; i < ck.input_arg_index.size(); ++i) {
      const NamedArg& a = args.at(ck.input_arg_index[i]);
      const HostArray* h = std::get_if<HostArray>(&a.value.v);
      NKI_CHECK(h != nullptr, "kernel input is not a tensor argument");
      sim.set_input(i, *h);
    }
    sim.run();
    for (size_t i = 0; i < ck.kernel->outputs.size(); ++i) r.outputs.push_back(sim.output(i));
    register_loads = sim.register_loads();
  }
  // Timing reads only the instruction stream (and, to follow runtime loops, the values registers
  // were loaded with): it never touches the numbers above.
  if (opts.timing)
    r.timing = timing::simulate_timing(*ck.kernel, ck.schedule, ck.arch, opts.functional ? &register_loads : nullptr);
  return r;
}

std::vector<HostArray> run_kernel(const CompiledKernel& ck, const std::vector<NamedArg>& args,
                                  const std::string& target) {
  (void)target;  // the compiled kernel carries its target's config
  RunOptions o;
  o.timing = false;
  return run_kernel(ck, args, o).outputs;
}

}  // namespace nki

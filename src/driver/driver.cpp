// compile_kernel / run_kernel: the pipeline from a kernel file to simulated outputs and timing.
#include "driver/driver.h"

#include "lang/specialize.h"
#include "sim/simulator.h"
#include "support/diagnostics.h"

namespace nki {

namespace {

// Inputs that are the destination (operand 0, as the scheduler counts writes) of an instruction.
std::vector<size_t> written_inputs(const Kernel& k) {
  std::vector<size_t> out;
  for (size_t i = 0; i < k.inputs.size(); ++i) {
    for (const Instruction& inst : k.body) {
      if (inst.op == Opcode::alloc || inst.operands.empty()) continue;
      const Operand& dst = inst.operands[0];
      if (dst.is_tensor() && dst.ap.storage == k.inputs[i]) {
        out.push_back(i);
        break;
      }
    }
  }
  return out;
}

}  // namespace

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
  ck.written_inputs = written_inputs(*ck.kernel);
  return ck;
}

RunResult run_kernel(const CompiledKernel& ck, const std::vector<NamedArg>& args, const RunOptions& opts) {
  RunResult r;
  std::vector<int32_t> register_loads;
  if (opts.functional) {
    Simulator sim(ck.arch, *ck.kernel);
    for (size_t i = 0; i < ck.input_arg_index.size(); ++i) {
      const NamedArg& a = args.at(ck.input_arg_index[i]);
      const HostArray* h = std::get_if<HostArray>(&a.value.v);
      NKI_CHECK(h != nullptr, "kernel input is not a tensor argument");
      sim.set_input(i, *h);
    }
    try {
      sim.run();
    } catch (UserError& e) {
      if (e.error_class() == ErrorClass::general) e.set_error_class(ErrorClass::runtime);
      throw;
    }
    for (size_t i = 0; i < ck.kernel->outputs.size(); ++i) r.outputs.push_back(sim.output(i));
    for (size_t i : ck.written_inputs) r.written_inputs.push_back(sim.read_hbm(*ck.kernel->inputs[i]));
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

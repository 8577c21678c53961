// compile_kernel / run_kernel: the pipeline from a kernel file to simulated outputs and timing.
// An LNC2 launch (lnc = 2) specializes and compiles the kernel once per core and runs the cores
// together on one shared HBM (sim/cores.h).
#include "driver/driver.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <map>

#include "lang/specialize.h"
#include "sim/cores.h"
#include "sim/machine.h"
#include "sim/simulator.h"
#include "support/diagnostics.h"
#include "support/shape.h"

namespace nki {

namespace {

void check_lnc(int lnc, const Arch& arch) {
  if (lnc != 1 && lnc != 2)
    throw UserError(
        fmt::format("the logical NeuronCore degree (kernel[N], --lnc N) must be 1 or 2, got {}", lnc));
  if (lnc == 2 && arch.nc_version < 3)
    throw UserError(
        fmt::format("LNC2 (kernel[2], --lnc 2) needs trn2 or trn3; on {} a logical NeuronCore is one "
                    "physical core",
                    arch.name));
}

// Both cores must return the same tensors: matched by position in the return, with the same name,
// dtype and shape.
void check_same_outputs(const Kernel& k0, const Kernel& k, int core) {
  auto desc = [](const Kernel& kk, size_t i) {
    const Storage* s = kk.outputs[i];
    std::string d = "'" + s->name + "' " + s->type_str();
    if (kk.output_shape(i) != s->shape) d += " as " + shape_str(kk.output_shape(i));
    return d;
  };
  if (k.outputs.size() != k0.outputs.size()) {
    // At this core's last output, or (when it returns none) at core 0's.
    SourceLoc loc = k.outputs.empty() ? k0.outputs.back()->loc : k.outputs.back()->loc;
    throw UserError(
        loc, fmt::format("kernel[2]: core {} returns {} tensors but core 0 returns {}; both cores must "
                         "return the same tensors",
                         core, k.outputs.size(), k0.outputs.size()));
  }
  for (size_t i = 0; i < k.outputs.size(); ++i) {
    const Storage* a = k0.outputs[i];
    const Storage* b = k.outputs[i];
    if (a->name != b->name || a->dtype != b->dtype || a->shape != b->shape ||
        k0.output_shape(i) != k.output_shape(i))
      throw UserError(b->loc,
                      fmt::format("kernel[2]: output {} is {} on core {} but {} on core 0; both cores must "
                                  "return the same tensors (matched by position and name)",
                                  i, desc(k, i), core, desc(k0, i)));
  }
}

// The kernel's HBM tensors must fit in `limit` bytes together: the simulator allocates them all,
// and a kernel past the limit is an error here rather than the host running out of memory.
void check_hbm_bytes(const Kernel& k, int64_t limit) {
  int64_t args = 0, allocs = 0;
  for (const auto& s : k.storages) {
    if (!is_hbm(s->buffer)) continue;
    // Saturating: a shape's product may not fit in 64 bits.
    int64_t bytes = dtype_size(s->dtype);
    for (int64_t d : s->shape)
      if (__builtin_mul_overflow(bytes, d, &bytes)) bytes = INT64_MAX;
    (s->is_argument ? args : allocs) += std::min(bytes, limit + 1);
    if (args + allocs <= limit) continue;
    throw UserError(
        s->loc, fmt::format("HBM tensor '{}' ({}, {} bytes) takes the kernel's HBM tensors past the limit "
                            "of {} bytes ({}; --max-hbm raises it)",
                            s->name, s->type_str(), bytes, limit,
                            args ? fmt::format("{} bytes of them are arguments", args)
                                 : std::string("none are arguments")));
  }
}

// Inputs (indices into kernel.inputs) some instruction of some core writes, by the schedule pass's
// rule for written operands.
std::vector<size_t> written_inputs(const CompiledKernel& ck) {
  std::vector<size_t> out;
  for (size_t i = 0; i < ck.kernel->inputs.size(); ++i) {
    bool written = false;
    for (int c = 0; c < ck.lnc() && !written; ++c) {
      const Kernel& k = ck.core_kernel(c);
      for (const Instruction& inst : k.body) {
        for (size_t o = 0; o < inst.operands.size() && !written; ++o)
          written =
              inst.operands[o].is_tensor() && inst.operands[o].ap.storage == k.inputs[i] && inst.writes(o);
        if (written) break;
      }
    }
    if (written) out.push_back(i);
  }
  return out;
}

}  // namespace

CompiledKernel compile_kernel(const lang::Host& host, const std::vector<NamedArg>& args,
                              const CompileOptions& opts) {
  CompiledKernel ck;
  ck.arch = with_overrides(get_arch(opts.target), opts.arch_sets);
  check_lnc(opts.lnc, ck.arch);
  for (int core = 0; core < opts.lnc; ++core) {
    SpecializeOptions so;
    so.print = opts.print;
    so.schedule = opts.schedule;
    so.program_id = core;
    so.num_programs = opts.lnc;
    so.max_instructions = opts.max_instructions;
    so.max_call_depth = opts.max_call_depth;
    so.max_compile_steps = opts.max_compile_steps;
    PipelineOptions po;
    if (opts.after_pass && opts.lnc > 1)
      po.after_pass = [&opts, core](const std::string& pass, const std::string& text) {
        opts.after_pass(fmt::format("{} (core {})", pass, core), text);
      };
    else
      po.after_pass = opts.after_pass;
    Specialized sp;
    Schedule schedule;
    try {
      sp = specialize(host, args, ck.arch, so);
      check_hbm_bytes(*sp.kernel, opts.max_hbm_bytes);
      schedule = run_pipeline(*sp.kernel, ck.arch, po);
    } catch (const UserError& e) {
      if (opts.lnc == 1) throw;
      // A problem of one core's specialization: say which (the kernel may differ per program_id).
      UserError in_core(e.loc(), fmt::format("{} (core {} of kernel[{}], nl.program_id() == {})", e.message(),
                                             core, opts.lnc, core));
      in_core.set_call_chain(e.call_chain());
      in_core.set_kind(e.kind());
      in_core.set_error_class(e.error_class());
      throw in_core;
    }
    if (core == 0) {
      ck.schedule = std::move(schedule);
      ck.kernel = std::move(sp.kernel);
      ck.input_arg_index = std::move(sp.input_arg_index);
      continue;
    }
    // The inputs come from the caller's arguments, which both specializations saw the same.
    NKI_CHECK(sp.input_arg_index == ck.input_arg_index, "the cores of a launch take different inputs");
    check_same_outputs(*ck.kernel, *sp.kernel, core);
    ck.more_cores.push_back({std::move(sp.kernel), std::move(schedule)});
  }
  for (const Storage* s : ck.kernel->outputs) ck.output_names.push_back(s->name);
  ck.written_inputs = written_inputs(ck);
  return ck;
}

std::string print_cores(const CompiledKernel& ck) {
  if (ck.lnc() == 1) return print_kernel(*ck.kernel);
  std::string out;
  for (int c = 0; c < ck.lnc(); ++c)
    out += fmt::format("; core {} of {} (nl.program_id() == {})\n", c, ck.lnc(), c) +
           print_kernel(ck.core_kernel(c));
  return out;
}

namespace {

// Makes core c's HBM tensors that are shared with core 0 use core 0's bytes: the inputs and the
// outputs (by position), and the other shared_hbm tensors by name (a kernel's storage names are
// unique: a second nl.ndarray named "t" is "t.1"). Private HBM (nl.hbm, nl.private_hbm) stays per
// core.
void link_shared_hbm(const Kernel& k0, sim::Machine& m0, const Kernel& k, sim::Machine& m, int core) {
  auto link = [&](const Storage& a, const Storage& b) {
    m0.share_hbm(a, m0.hbm_bytes(a));  // core 0's alloc must not re-poison it either
    m.share_hbm(b, m0.hbm_bytes(a), m0.hbm_shadow(a));
  };
  for (size_t i = 0; i < k.inputs.size(); ++i) link(*k0.inputs[i], *k.inputs[i]);
  for (size_t i = 0; i < k.outputs.size(); ++i) link(*k0.outputs[i], *k.outputs[i]);
  std::map<std::string, const Storage*> by_name;
  for (const auto& s : k0.storages)
    if (s->buffer == Buffer::SharedHbm && !s->is_argument) by_name[s->name] = s.get();
  for (const auto& s : k.storages) {
    if (s->buffer != Buffer::SharedHbm || s->is_argument || m.is_shared(*s)) continue;
    auto it = by_name.find(s->name);
    if (it == by_name.end()) continue;  // only this core creates it: nobody else can see it
    const Storage& a = *it->second;
    if (a.dtype != s->dtype || a.shape != s->shape)
      throw UserError(s->loc,
                      fmt::format("shared_hbm tensor '{}' is {} on core {} but {} on core 0; the cores "
                                  "share it by name, so its shape and dtype must agree",
                                  s->name, s->type_str(), core, a.type_str()));
    if (!m0.is_shared(a)) link(a, *s);
  }
}

}  // namespace

RunResult run_kernel(const CompiledKernel& ck, const std::vector<NamedArg>& args, const RunOptions& opts) {
  RunResult r;
  std::vector<std::vector<int32_t>> register_loads;  // per core
  if (opts.functional) {
    std::vector<std::unique_ptr<Simulator>> sims;
    for (int c = 0; c < ck.lnc(); ++c) {
      sims.push_back(std::make_unique<Simulator>(ck.arch, ck.core_kernel(c)));
      sims.back()->set_seed(opts.seed + static_cast<uint64_t>(c));  // each core its own random streams
      if (opts.check_uninitialized) sims.back()->check_uninitialized();
      if (opts.max_loop_iterations > 0) sims.back()->set_max_loop_iterations(opts.max_loop_iterations);
    }
    for (int c = 1; c < ck.lnc(); ++c)
      link_shared_hbm(*ck.kernel, sims[0]->machine(), ck.core_kernel(c), sims[c]->machine(), c);
    for (size_t i = 0; i < ck.input_arg_index.size(); ++i) {
      const NamedArg& a = args.at(ck.input_arg_index[i]);
      const HostArray* h = std::get_if<HostArray>(&a.value.v);
      NKI_CHECK(h != nullptr, "kernel input is not a tensor argument");
      sims[0]->set_input(i, *h);  // the other cores share core 0's input bytes
    }
    std::vector<Simulator*> cores;
    for (auto& s : sims) cores.push_back(s.get());
    try {
      sim::run_cores(cores);
    } catch (UserError& e) {
      if (e.error_class() == ErrorClass::general) e.set_error_class(ErrorClass::runtime);
      throw;
    }
    for (size_t i = 0; i < ck.kernel->outputs.size(); ++i) r.outputs.push_back(sims[0]->output(i));
    // Inputs are shared by the cores: core 0's bytes are the final contents.
    for (size_t i : ck.written_inputs) r.written_inputs.push_back(sims[0]->read_hbm(*ck.kernel->inputs[i]));
    for (auto& s : sims) register_loads.push_back(s->register_loads());
  }
  // Timing reads only the instruction streams (and, to follow runtime loops, the values registers
  // were loaded with): it never touches the numbers above.
  if (opts.timing) {
    std::vector<timing::CoreProgram> programs;
    for (int c = 0; c < ck.lnc(); ++c)
      programs.push_back({&ck.core_kernel(c), &ck.core_schedule(c),
                          opts.functional ? &register_loads[c] : nullptr, opts.max_loop_iterations});
    r.core_timing = timing::simulate_timing_cores(programs, ck.arch);
    r.timing = r.core_timing.front();
  }
  return r;
}

std::vector<profile::CoreRun> core_runs(const CompiledKernel& ck, const RunResult& rr) {
  std::vector<profile::CoreRun> cores;
  for (int c = 0; c < ck.lnc(); ++c)
    cores.push_back(
        {&ck.core_kernel(c), &rr.core_timing.at(static_cast<size_t>(c)), &ck.core_schedule(c).waits});
  return cores;
}

std::vector<HostArray> run_kernel(const CompiledKernel& ck, const std::vector<NamedArg>& args,
                                  const std::string& target) {
  (void)target;  // the compiled kernel carries its target's config
  RunOptions o;
  o.timing = false;
  return run_kernel(ck, args, o).outputs;
}

}  // namespace nki

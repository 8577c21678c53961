// The pass list, in order (see passes.h).
#include "passes/passes.h"
#include "support/diagnostics.h"

namespace nki {

namespace {
Schedule run_passes(Kernel& k, const Arch& arch, const PipelineOptions& opts);
}  // namespace

void fail_at(const Instruction& inst, const std::string& message) {
  UserError e(inst.loc, message);
  if (inst.stack) e.set_call_chain(*inst.stack);
  throw e;
}

Schedule run_pipeline(Kernel& k, const Arch& arch, const PipelineOptions& opts) {
  // Every error a pass reports is a violated rule of the target (an engine it cannot use, an
  // operand rule, memory that does not fit): hosts show it as a validation error.
  try {
    return run_passes(k, arch, opts);
  } catch (UserError& e) {
    e.set_error_class(ErrorClass::validation);
    throw;
  }
}

namespace {
Schedule run_passes(Kernel& k, const Arch& arch, const PipelineOptions& opts) {
  // Printing the whole kernel is only worth its cost when someone asked for it.
  auto after = [&](const char* name) {
    if (opts.after_pass) opts.after_pass(name, print_kernel(k));
  };
  select_engines(k, arch);
  after("select_engines");
  verify(k, arch);
  after("verify");
  allocate(k, arch);
  after("allocate");
  Schedule s = schedule(k, arch);
  if (opts.after_pass) opts.after_pass("schedule", print_schedule(k, s));
  return s;
}
}  // namespace

}  // namespace nki

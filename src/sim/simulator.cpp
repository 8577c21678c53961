// The functional simulator: host I/O of HBM tensors and the dispatch loop, which calls one
// exec_<name> per instruction through a table generated from ops.def and turns every fault
// into a UserError at the instruction's source line.
#include "sim/simulator.h"

#include <cstring>

#include "sim/machine.h"
#include "sim/sequencer.h"
#include "support/diagnostics.h"

namespace nki {

namespace {

using ExecFn = void (*)(sim::Machine&, const Instruction&);

// Indexed by Opcode. A new ops.def entry needs its exec_<name> in sim/semantics/ to link.
constexpr ExecFn kExec[] = {
#define OP(name, engines, operands, summary) &sim::exec_##name,
#include "ir/ops.def"
#undef OP
};

std::string describe(DType t, const std::vector<int64_t>& shape) {
  std::string s(dtype_short_name(t));
  s += "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ',';
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

// Whether `t` is one of the float dtypes NumPy has no type for (they travel as float32).
bool numpy_less_float(DType t) {
  return t == DType::bfloat16 || t == DType::tfloat32 || t == DType::float8_e4m3 ||
         t == DType::float8_e4m3fn || t == DType::float8_e5m2;
}

}  // namespace

struct Simulator::Impl {
  const Kernel& kernel;
  sim::Machine machine;
  std::vector<int32_t> register_loads;
  Impl(const Arch& arch, const Kernel& k) : kernel(k), machine(arch, k) {}
};

Simulator::Simulator(const Arch& arch, const Kernel& kernel) : impl_(std::make_unique<Impl>(arch, kernel)) {}

Simulator::~Simulator() = default;

void Simulator::set_input(size_t i, const HostArray& a) {
  const Kernel& k = impl_->kernel;
  if (i >= k.inputs.size())
    throw UserError("kernel '" + k.name + "' takes " + std::to_string(k.inputs.size()) +
                    " tensor arguments; there is no argument " + std::to_string(i));
  const Storage& s = *k.inputs[i];
  if (a.shape != s.shape)
    throw UserError("argument '" + s.name + "': expected shape " + describe(s.dtype, s.shape) + ", got " +
                    describe(a.dtype, a.shape));
  const int64_t n = a.size();
  if (static_cast<int64_t>(a.data.size()) != n * dtype_size(a.dtype))
    throw InternalError("HostArray for '" + s.name + "' holds " + std::to_string(a.data.size()) + " bytes");
  std::vector<uint8_t>& mem = impl_->machine.hbm(s);
  if (a.dtype == s.dtype) {
    if (!a.data.empty()) std::memcpy(mem.data(), a.data.data(), a.data.size());
    return;
  }
  // bfloat16/tfloat32/fp8 arrive as float32 (NumPy has no such dtype): round on the way in.
  if (a.dtype == DType::float32 && numpy_less_float(s.dtype)) {
    const int es = dtype_size(s.dtype);
    for (int64_t e = 0; e < n; ++e) store_from_f32(s.dtype, load_as_f32(DType::float32, a.data.data() + e * 4), mem.data() + e * es);
    return;
  }
  throw UserError("argument '" + s.name + "': expected dtype " + std::string(dtype_name(s.dtype)) + ", got " +
                  std::string(dtype_name(a.dtype)));
}

void Simulator::run() {
  sim::Machine& m = impl_->machine;
  const auto& body = impl_->kernel.body;
  sim::Sequencer seq(impl_->kernel, sim::Sequencer::max_iterations());
  for (size_t pc = 0; pc < body.size();) {
    const Instruction& inst = body[pc];
    const auto idx = static_cast<size_t>(inst.op);
    if (idx >= std::size(kExec)) throw InternalError("opcode out of range");
    try {
      if (sim::Sequencer::handles(inst.op)) {
        pc = seq.step(m, pc);  // registers and runtime loops move the program counter
        continue;
      }
      kExec[idx](m, inst);
    } catch (const UserError& e) {
      if (e.loc().valid()) throw;
      UserError located(inst.loc, std::string(op_name(inst.op)) + ": " + e.message());
      if (inst.stack) {
        std::vector<SourceLoc> chain = *inst.stack;
        // The stack may end with the instruction's own location; the chain lists callers only.
        if (!chain.empty() && chain.back().file == inst.loc.file && chain.back().line == inst.loc.line &&
            chain.back().col == inst.loc.col)
          chain.pop_back();
        located.set_call_chain(std::move(chain));
      }
      throw located;
    }
    ++pc;
  }
  impl_->register_loads = seq.loads();
}

const std::vector<int32_t>& Simulator::register_loads() const { return impl_->register_loads; }

HostArray Simulator::read_hbm(const Storage& s) const {
  const Kernel& k = impl_->kernel;
  if (s.id < 0 || static_cast<size_t>(s.id) >= k.storages.size() || k.storages[s.id].get() != &s)
    throw InternalError("read_hbm of tensor '" + s.name + "' of another kernel");
  if (!is_hbm(s.buffer)) throw InternalError("read_hbm of on-chip tensor '" + s.name + "'");
  HostArray a;
  a.dtype = s.dtype;
  a.shape = s.shape;
  a.data = impl_->machine.hbm(s);
  return a;
}

HostArray Simulator::output(size_t i) const {
  const Kernel& k = impl_->kernel;
  if (i >= k.outputs.size())
    throw InternalError("kernel '" + k.name + "' has " + std::to_string(k.outputs.size()) + " outputs, not " +
                        std::to_string(i + 1));
  return read_hbm(*k.outputs[i]);
}

}  // namespace nki

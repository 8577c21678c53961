// The functional simulator: host I/O of HBM tensors and the dispatch loop, which calls one
// exec_<name> per instruction through a table generated from ops.def and turns every fault
// into a UserError at the instruction's source line.
#include "sim/simulator.h"

#include <cstring>

#include "sim/cores.h"
#include "sim/machine.h"
#include "sim/sequencer.h"
#include "support/diagnostics.h"

namespace nki {

namespace {

using ExecFn = void (*)(sim::Machine&, const Instruction&);

// Indexed by Opcode. A new ops.def entry needs its exec_<name> in sim/semantics/ to link.
constexpr ExecFn kExec[] = {
#define OP(name, engines, operands, attrs, cost, summary) &sim::exec_##name,
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
         t == DType::float8_e4m3fn || t == DType::float8_e5m2 || t == DType::float8_e8m0fnu;
}

}  // namespace

struct Simulator::Impl {
  const Kernel& kernel;
  sim::Machine machine;
  sim::Sequencer seq;
  size_t pc = 0;
  std::function<void(const Instruction&)> observer;
  Impl(const Arch& arch, const Kernel& k)
      : kernel(k), machine(arch, k), seq(k, sim::Sequencer::default_max_iterations()) {}
};

Simulator::Simulator(const Arch& arch, const Kernel& kernel) : impl_(std::make_unique<Impl>(arch, kernel)) {}

Simulator::~Simulator() = default;

void Simulator::check_uninitialized() {
  impl_->machine.enable_uninitialized_check();
}

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
  impl_->machine.mark_initialized(s);
  // Packed MX dtypes arrive as their raw bits (uint32 / uint16, as written by the simulator).
  const bool packed_bits = is_packed_mx(s.dtype) && dtype_size(a.dtype) == dtype_size(s.dtype) &&
                           (a.dtype == DType::uint32 || a.dtype == DType::uint16);
  if (a.dtype == s.dtype || packed_bits) {
    if (!a.data.empty()) std::memcpy(mem.data(), a.data.data(), a.data.size());
    return;
  }
  // bfloat16/tfloat32/fp8 arrive as float32 (NumPy has no such dtype): round on the way in.
  if (a.dtype == DType::float32 && numpy_less_float(s.dtype)) {
    const int es = dtype_size(s.dtype);
    for (int64_t e = 0; e < n; ++e)
      store_from_f32(s.dtype, load_as_f32(DType::float32, a.data.data() + e * 4), mem.data() + e * es);
    return;
  }
  throw UserError("argument '" + s.name + "': expected dtype " + std::string(dtype_name(s.dtype)) + ", got " +
                  std::string(dtype_name(a.dtype)));
}

void Simulator::set_seed(uint64_t seed) {
  impl_->machine.seed_rng(seed);
}
void Simulator::set_max_loop_iterations(int64_t n) {
  impl_->seq.set_max_iterations(n);
}

void Simulator::run() {
  sim::run_cores({this});
}

sim::Machine& Simulator::machine() {
  return impl_->machine;
}
const Kernel& Simulator::kernel() const {
  return impl_->kernel;
}
void Simulator::set_observer(std::function<void(const Instruction&)> fn) {
  impl_->observer = std::move(fn);
}

void Simulator::finish_sync() {
  NKI_CHECK(impl_->pc < impl_->kernel.body.size() && sim::is_sync(impl_->kernel.body[impl_->pc].op),
            "finish_sync without a pending sendrecv/core_barrier");
  ++impl_->pc;
}

const Instruction* Simulator::run_until_sync() {
  sim::Machine& m = impl_->machine;
  const auto& body = impl_->kernel.body;
  size_t& pc = impl_->pc;
  m.set_registers(&impl_->seq.registers());
  while (pc < body.size()) {
    const Instruction& inst = body[pc];
    const auto idx = static_cast<size_t>(inst.op);
    if (idx >= std::size(kExec)) throw InternalError("opcode out of range");
    if (sim::is_sync(inst.op)) return &inst;
    try {
      if (impl_->observer) impl_->observer(inst);
      if (sim::Sequencer::handles(inst.op)) {
        pc = impl_->seq.step(m, pc);  // registers and runtime loops move the program counter
        continue;
      }
      kExec[idx](m, inst);
    } catch (const UserError& e) {
      if (e.loc().valid()) throw;
      throw sim::located_error(inst, e.message());
    }
    ++pc;
  }
  return nullptr;
}

const std::vector<int32_t>& Simulator::register_loads() const {
  return impl_->seq.loads();
}

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
  HostArray a = read_hbm(*k.outputs[i]);
  a.shape = k.output_shape(i);  // a returned reshape: the same bytes, row-major
  return a;
}

}  // namespace nki

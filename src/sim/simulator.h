// The functional simulator of one NeuronCore: executes a kernel's instructions in program order
// on byte-exact memories (SBUF and PSUM as byte arrays of the target's sizes, one byte buffer per
// HBM tensor). Fresh memory is poisoned; every write rounds to the destination dtype.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "arch/arch.h"
#include "ir/kernel.h"
#include "support/npy.h"

namespace nki {

namespace sim {
class Machine;
}

class Simulator {
 public:
  // `kernel` must have passed the pipeline: every on-chip storage has an address.
  Simulator(const Arch& arch, const Kernel& kernel);
  ~Simulator();

  // Copies host data into input `i` (kernel.inputs[i]); shape and dtype must match, else
  // UserError naming the argument.
  void set_input(size_t i, const HostArray& a);
  // Seeds the engines' random-number generators (nisa.rng, ...): the same seed, the same numbers.
  // Without a call the seed is 0.
  void set_seed(uint64_t seed);
  // The runtime loops' iteration budget (all loops together; sim::Sequencer).
  void set_max_loop_iterations(int64_t n);
  // Turns on the check for reads of never-written memory (call before set_input): the first
  // such read fails the run, naming the instruction's line, the tensor and the element.
  void check_uninitialized();
  // Executes the whole body. A fault (e.g. an access outside a memory) is a UserError pointing
  // at the instruction's source line. A one-core launch; LNC2 runs its cores with run_cores
  // (sim/cores.h), which this calls with this core alone.
  void run();

  // Stepping, for the core scheduler: executes from the current instruction up to the next
  // sendrecv / core_barrier, which it leaves unexecuted and returns, or to the end (nullptr).
  const Instruction* run_until_sync();
  // Moves past the sendrecv / core_barrier the scheduler has completed.
  void finish_sync();
  sim::Machine& machine();
  const Kernel& kernel() const;
  // Called with every instruction just before it executes (the cores' race checks).
  void set_observer(std::function<void(const Instruction&)> fn);
  // The contents of output `i` (kernel.outputs[i]), or of any HBM storage.
  HostArray output(size_t i) const;
  HostArray read_hbm(const Storage& s) const;
  // The values register_load read during run(), in order: what the timing model needs to follow
  // the same path through runtime loops (timing::simulate_timing).
  const std::vector<int32_t>& register_loads() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nki

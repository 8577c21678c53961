// The functional simulator of one NeuronCore: executes a kernel's instructions in program order
// on byte-exact memories (SBUF and PSUM as byte arrays of the target's sizes, one byte buffer per
// HBM tensor). Fresh memory is poisoned; every write rounds to the destination dtype.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "arch/arch.h"
#include "ir/kernel.h"
#include "support/npy.h"

namespace nki {

class Simulator {
 public:
  // `kernel` must have passed the pipeline: every on-chip storage has an address.
  Simulator(const Arch& arch, const Kernel& kernel);
  ~Simulator();

  // Copies host data into input `i` (kernel.inputs[i]); shape and dtype must match, else
  // UserError naming the argument.
  void set_input(size_t i, const HostArray& a);
  // Executes the whole body. A fault (e.g. an access outside a memory) is a UserError pointing
  // at the instruction's source line.
  void run();
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

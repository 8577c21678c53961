// The sequencer side of a NeuronCore: 32-bit registers and runtime loops. The dispatcher hands
// it register_move / register_load / register_store / loop_begin / loop_end, which move the
// program counter instead of computing on tiles.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/kernel.h"
#include "sim/machine.h"

namespace nki::sim {

class Sequencer {
 public:
  // `max_iterations` bounds the iterations of all runtime loops together, so a loop whose
  // condition never becomes 0 ends with an error instead of hanging.
  Sequencer(const Kernel& k, int64_t max_iterations);
  // The default limit: 10 million, or the environment variable NKI_MAX_LOOP_ITERATIONS
  // (`nki run --max-loop-iterations` and RunOptions::max_loop_iterations override it).
  static int64_t default_max_iterations();
  void set_max_iterations(int64_t n) { max_iterations_ = n; }

  static bool handles(Opcode op);
  // Executes the sequencer instruction at `pc`; returns the next pc. Every value register_load
  // reads is appended to loads(), so a later control-only walk can replay the same path.
  size_t step(Machine& m, size_t pc);
  // The same without memory, for the timing model: register_store does nothing and register_load
  // takes the next value of `replay` (the loads() of a functional run). Without one, a
  // register_load is an error: the path through the kernel depends on data nobody computed.
  size_t step_control(size_t pc, const std::vector<int32_t>* replay);
  int32_t reg(int64_t r) const { return regs_.at(static_cast<size_t>(r)); }
  const std::vector<int32_t>& loads() const { return loads_; }
  const std::vector<int32_t>& registers() const { return regs_; }

 private:
  size_t control(const Instruction& inst, size_t pc);

  int32_t value(const Instruction& inst, const char* imm, const char* reg) const;

  const Kernel& kernel_;
  std::vector<int32_t> regs_;
  std::vector<int32_t> stop_;  // per loop_begin index: the stop bound read when the loop started
  std::vector<int32_t> loads_;
  size_t replayed_ = 0;
  int64_t iterations_ = 0;
  int64_t max_iterations_;
};

}  // namespace nki::sim

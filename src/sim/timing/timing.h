// The timing model: a kernel's scheduled instruction stream on the per-engine in-order queues of
// one NeuronCore (Tensor, Vector, Scalar, GpSimd, Sync) and its DMA queues. Each instruction
// starts when its queue is free and its dependencies (the schedule pass's graph) are done, and
// takes the time of its cost formula (cost.h). DMA transfers also share the core's DMA engines and
// HBM bandwidth. Timing reads only the instruction stream and the Arch config: it never executes
// anything, so it cannot change numbers, and it runs without the functional simulator
// (--timing-only).
#pragma once

#include <string>
#include <vector>

#include "arch/arch.h"
#include "ir/kernel.h"
#include "passes/passes.h"

namespace nki::timing {

// One executed instance of a body instruction.
struct InstTiming {
  int index = -1;            // the instruction (index into Kernel::body)
  int queue = -1;            // index into TimingResult::queues; -1: not an engine instruction (alloc)
  double start_ns = 0;       // issue on its queue
  double end_ns = 0;         // queue free again (DMA: transfer done)
  double done_ns = 0;        // result visible to dependents
  double ready_ns = 0;       // when its last dependency was satisfied
  int blocker = -1;          // the dependency (body index) that was satisfied last (-1: none)
  double cycles = 0;         // busy time in its engine's cycles (compute engines)
  double bytes = 0;          // DMA: bytes moved
  double transfer_ns = 0;    // DMA: time on the DMA engines (after the trigger latency and any wait for them)
  double table_load_ns = 0;  // Scalar: activation-table load included in its busy time
};

struct TimingResult {
  std::string target;
  std::vector<std::string> queues;  // "tensor", "vector", "scalar", "gpsimd", "sync", "dma.q0", ...
  // Every executed instruction in execution order: once per body instruction for a kernel
  // without runtime loops (insts[i].index == i), once per iteration inside them. At most
  // kMaxRecorded are kept (the rest are timed but not recorded); `executed` counts them all.
  std::vector<InstTiming> insts;
  int64_t executed = 0;
  std::vector<double> queue_busy_ns;
  double total_ns = 0;           // estimated device time: the last instruction done
  double hbm_bytes = 0;          // bytes DMA moved to or from HBM
  double dma_busy_ns = 0;        // DMA engine busy time, averaged over the core's engines
  bool fp32_matmul = false;      // some matmul ran the fp32 path (MFU against the fp32 peak)
  bool mx_matmul = false;        // some nc_matmul_mx ran (MFU against the MX peak, trn3)
  double matmul_flops = 0;       // useful Tensor Engine flops (2*K*M*N per matmul)
  double peak_flops_per_ns = 0;  // the target's dense peak for the matmul dtype used
  int64_t act_table_loads = 0;
  int first_dma_queue = 5;
};

inline constexpr size_t kMaxRecorded = 2'000'000;

// Walks the kernel in execution order, through runtime loops as often as they iterate. Their trip
// counts follow from the registers: `register_loads` replays the values register_load read in a
// functional run (Simulator::register_loads); without it, a kernel whose runtime loops depend on
// memory is a UserError (--timing-only cannot follow it).
TimingResult simulate_timing(const Kernel& k, const Schedule& sched, const Arch& arch,
                             const std::vector<int32_t>* register_loads = nullptr);

// One core of a launch: its kernel, schedule and (optional) register_loads as above.
struct CoreProgram {
  const Kernel* kernel;
  const Schedule* schedule;
  const std::vector<int32_t>* register_loads = nullptr;
  int64_t max_loop_iterations = 0;  // the runtime loops' budget; 0: Sequencer::default_max_iterations()
};
// The cores of an LNC2 launch (programs[c]: the core of nl.program_id() == c), timed in parallel:
// each has its own engines, DMA engines and HBM share (hw-model.md gives HBM bandwidth per core),
// and a sendrecv or core_barrier completes only once every core it involves has issued it
// (paired as the functional simulator pairs them, sim/cores.h; a deadlock is its UserError). The
// launch's device time is the latest core's total_ns.
std::vector<TimingResult> simulate_timing_cores(const std::vector<CoreProgram>& programs, const Arch& arch);

}  // namespace nki::timing

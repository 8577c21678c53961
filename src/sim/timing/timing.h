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

namespace nki::timing {

struct InstTiming {
  int queue = -1;          // index into TimingResult::queues; -1: not an engine instruction (alloc)
  double start_ns = 0;     // issue on its queue
  double end_ns = 0;       // queue free again (DMA: transfer done)
  double done_ns = 0;      // result visible to dependents
  double ready_ns = 0;     // when its last dependency was satisfied
  int blocker = -1;        // the dependency that was satisfied last (-1: none)
  double cycles = 0;       // busy time in its engine's cycles (compute engines)
  double bytes = 0;        // DMA: bytes moved
  double transfer_ns = 0;  // DMA: time on the DMA engines (after the trigger latency and any wait for them)
  double table_load_ns = 0;  // Scalar: activation-table load included in its busy time
};

struct TimingResult {
  std::string target;
  std::vector<std::string> queues;  // "tensor", "vector", "scalar", "gpsimd", "sync", "dma.q0", ...
  std::vector<InstTiming> insts;    // one per kernel body instruction
  std::vector<double> queue_busy_ns;
  double total_ns = 0;              // estimated device time: the last instruction done
  double hbm_bytes = 0;             // bytes DMA moved to or from HBM
  double dma_busy_ns = 0;           // time the core's DMA engines spent transferring
  bool fp32_matmul = false;         // some matmul ran the fp32 path (MFU against the fp32 peak)
  double matmul_flops = 0;          // useful Tensor Engine flops (2*K*M*N per matmul)
  double peak_flops_per_ns = 0;     // the target's dense peak for the matmul dtype used
  int64_t act_table_loads = 0;
  int first_dma_queue = 5;
};

// `deps[i]`: the instructions instruction i waits for (Schedule::deps).
TimingResult simulate_timing(const Kernel& k, const std::vector<std::vector<int>>& deps, const Arch& arch);

// The cores of an LNC2 launch (kernels[c], deps[c] of the core of program_id c), timed in
// parallel: each has its own engines, DMA engines and HBM share (hw-model.md gives HBM bandwidth
// per core), and a sendrecv or core_barrier completes only once every core it involves has issued
// it. A deadlock throws the functional simulator's error (sim/cores.h). The device time of the
// launch is the latest core's total_ns.
std::vector<TimingResult> simulate_timing_cores(const std::vector<const Kernel*>& kernels,
                                                const std::vector<const std::vector<std::vector<int>>*>& deps,
                                                const Arch& arch);

}  // namespace nki::timing

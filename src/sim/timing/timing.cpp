// The queue simulation of the timing model (see timing.h). One walk in execution order suffices:
// every queue is in order and every dependency points to an instruction that ran before.
#include "sim/timing/timing.h"

#include <algorithm>

#include "sim/sequencer.h"
#include "sim/timing/cost.h"

namespace nki::timing {

namespace {

int engine_queue(Engine e) {
  switch (e) {
    case Engine::Tensor: return 0;
    case Engine::Vector: return 1;
    case Engine::Scalar: return 2;
    case Engine::GpSimd: return 3;
    default: return 4;  // Sync, and anything new
  }
}

// The Tensor Engine's dI/dt throttle: after a start or an idle gap, a reduced rate for a while.
struct Throttle {
  double warm_start = -1, last_end = -1;
  double factor(double start, const Arch& arch) {
    if (arch.tensor_warmup_rate >= 1 || arch.tensor_warmup_rate <= 0) return 1;
    if (last_end < 0 || start - last_end > arch.tensor_idle_reset_ns) warm_start = start;
    return start < warm_start + arch.tensor_warmup_ns ? 1 / arch.tensor_warmup_rate : 1;
  }
};

}  // namespace

TimingResult simulate_timing(const Kernel& k, const Schedule& sched, const Arch& arch,
                             const std::vector<int32_t>* register_loads) {
  TimingResult r;
  r.target = arch.name;
  r.queues = {"tensor", "vector", "scalar", "gpsimd", "sync"};
  const int nq_dma = std::max(1, int(arch.dma_queues));
  for (int q = 0; q < nq_dma; ++q) r.queues.push_back("dma.q" + std::to_string(q));
  r.first_dma_queue = 5;
  std::vector<double> free(r.queues.size(), 0.0);
  r.queue_busy_ns.assign(r.queues.size(), 0.0);

  EngineState states[5];
  Throttle throttle;
  double dma_engines_free = 0;  // the core's DMA engines, shared by all queues
  int next_dma = 0;
  bool fp32_mm = false;
  // The latest instance of every body instruction (a runtime loop runs its body many times);
  // dependencies are on the latest instance, loop-carried ones on the previous iteration's.
  std::vector<InstTiming> latest(k.body.size());
  std::vector<char> ran(k.body.size(), 0);
  sim::Sequencer seq(k, sim::Sequencer::max_iterations());

  for (size_t pc = 0; pc < k.body.size();) {
    const Instruction& inst = k.body[pc];
    InstTiming t;
    t.index = static_cast<int>(pc);
    auto wait_for = [&](const std::vector<int>& deps) {
      for (int d : deps) {
        if (!ran[d]) continue;  // a loop-carried edge in the first iteration
        const InstTiming& p = latest[d];
        double at = p.done_ns + (p.queue != t.queue ? arch.semaphore_latency_ns : 0);
        if (at >= t.ready_ns) t.ready_ns = at, t.blocker = d;
      }
    };
    if (inst.op != Opcode::alloc) {
      t.queue = inst.engine == Engine::Dma ? r.first_dma_queue + next_dma++ % nq_dma : engine_queue(inst.engine);
      wait_for(sched.deps[pc]);
      if (!sched.carried.empty()) wait_for(sched.carried[pc]);
      t.start_ns = std::max(free[t.queue], t.ready_ns);
      if (inst.engine == Engine::Dma) {
        DmaShape shape = dma_shape(inst, arch);
        double begin = std::max(t.start_ns + arch.dma_fixed_ns, dma_engines_free);
        t.end_ns = t.done_ns = begin + dma_transfer_ns(shape, arch);
        dma_engines_free = t.end_ns;
        r.dma_busy_ns += t.end_ns - begin;
        t.transfer_ns = t.end_ns - begin;
        t.bytes = double(shape.bytes);
        if (shape.touches_hbm) r.hbm_bytes += t.bytes;
      } else {
        EngineState& st = states[engine_queue(inst.engine)];
        std::string table_before = st.act_table;
        Cost c = compute_cost(inst, arch, st);
        if (st.act_table != table_before) {
          ++r.act_table_loads;
          t.table_load_ns = arch.act_table_load_ns;
        }
        if (inst.engine == Engine::Tensor) {
          double f = throttle.factor(t.start_ns, arch);
          c.busy_ns *= f, c.latency_ns *= f, c.cycles *= f;
        }
        t.cycles = c.cycles;
        t.end_ns = t.start_ns + c.busy_ns;
        t.done_ns = t.start_ns + c.latency_ns;
        if (inst.engine == Engine::Tensor) throttle.last_end = t.end_ns;
        if (inst.op == Opcode::nc_matmul) {
          const AccessPattern& stat = inst.operands[1].ap;
          const AccessPattern& mov = inst.operands[2].ap;
          r.matmul_flops += 2.0 * double(mov.num_partitions()) * double(stat.elems_per_partition()) *
                            double(mov.elems_per_partition());
          fp32_mm = fp32_mm || stat.dtype == DType::float32 || mov.dtype == DType::float32;
        }
      }
      free[t.queue] = t.end_ns;
      r.queue_busy_ns[t.queue] += t.end_ns - t.start_ns;
      r.total_ns = std::max(r.total_ns, t.done_ns);
    }
    latest[pc] = t;
    ran[pc] = 1;
    ++r.executed;
    if (r.insts.size() < kMaxRecorded) r.insts.push_back(t);
    // Registers and runtime loops move the program counter, as in the functional simulator.
    pc = sim::Sequencer::handles(inst.op) ? seq.step_control(pc, register_loads) : pc + 1;
  }
  r.peak_flops_per_ns = arch.peak_flops_per_ns(fp32_mm);
  r.fp32_matmul = fp32_mm;
  return r;
}

}  // namespace nki::timing

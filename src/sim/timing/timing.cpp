// The queue simulation of the timing model (see timing.h). One walk in execution order suffices:
// every queue is in order and every dependency points to an instruction that ran before.
#include "sim/timing/timing.h"

#include <algorithm>
#include <map>

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

// One DMA engine's busy intervals. Transfers are timed in program order, but one that is ready
// early may run in a gap before a transfer placed earlier that waited for its inputs, as the
// engines process whatever their rings hold; so an engine keeps its intervals, not just the end
// of its last one.
class DmaEngine {
 public:
  // The earliest start at or after `at` of a free stretch `len` long.
  double fit(double at, double len) const {
    auto it = busy_.upper_bound(at);
    if (it != busy_.begin() && std::prev(it)->second > at) at = std::prev(it)->second;
    for (; it != busy_.end() && it->first < at + len; ++it) at = std::max(at, it->second);
    return at;
  }
  void reserve(double start, double len) { busy_.emplace(start, start + len); }
  // Forgets intervals that ended before `t`: nothing can start before it any more.
  void forget_before(double t) {
    while (!busy_.empty() && busy_.begin()->second < t) busy_.erase(busy_.begin());
  }

 private:
  std::map<double, double> busy_;  // start -> end, disjoint
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
  // When each of the core's DMA engines is free: all queues share them.
  std::vector<DmaEngine> dma_engines(std::max<size_t>(1, size_t(arch.dma_engines)));
  std::vector<std::pair<double, size_t>> fits(dma_engines.size());
  int next_dma = 0;
  int64_t dma_count = 0;
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
      if (inst.engine == Engine::Dma) {
        // A transfer goes to the DMA queue free soonest (the compiler spreads transfers over
        // queues so one waiting for its inputs does not hold up the others); ties round-robin.
        int best = -1;
        for (int j = 0; j < nq_dma; ++j) {
          const int q = r.first_dma_queue + (next_dma + j) % nq_dma;
          if (best < 0 || free[q] < free[best]) best = q;
        }
        t.queue = best;
        next_dma = (best - r.first_dma_queue + 1) % nq_dma;
      } else {
        t.queue = engine_queue(inst.engine);
      }
      wait_for(sched.deps[pc]);
      if (!sched.carried.empty()) wait_for(sched.carried[pc]);
      t.start_ns = std::max(free[t.queue], t.ready_ns);
      if (inst.engine == Engine::Dma) {
        DmaShape shape = dma_shape(inst, arch);
        // The transfer takes the engines that can take it soonest; engine k of it starts k
        // staggers after the trigger latency, in the first gap of that engine long enough.
        const double trigger = t.start_ns + arch.dma_fixed_ns, each = dma_engine_ns(shape, arch);
        for (size_t e = 0; e < dma_engines.size(); ++e) fits[e] = {dma_engines[e].fit(trigger, each), e};
        const auto used = static_cast<size_t>(std::min<int64_t>(shape.engines, int64_t(fits.size())));
        std::partial_sort(fits.begin(), fits.begin() + used, fits.end());
        double first = 1e300, last = 0;
        for (size_t k = 0; k < used; ++k) {
          DmaEngine& eng = dma_engines[fits[k].second];
          const double begin = eng.fit(trigger + double(k) * arch.dma_engine_stagger_ns, each);
          eng.reserve(begin, each);
          first = std::min(first, begin), last = std::max(last, begin + each);
          r.dma_busy_ns += each / double(dma_engines.size());
        }
        t.end_ns = t.done_ns = last;
        t.transfer_ns = last - first;
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
      if (inst.engine == Engine::Dma && ++dma_count % 1024 == 0) {
        // Every later transfer starts after some DMA queue is free again.
        const double horizon = *std::min_element(free.begin() + r.first_dma_queue, free.end());
        for (DmaEngine& e : dma_engines) e.forget_before(horizon);
      }
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

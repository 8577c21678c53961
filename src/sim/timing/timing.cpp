// The queue simulation of the timing model (see timing.h). One pass in program order suffices for
// one core: every queue is in order and every dependency points to an earlier instruction. The
// cores of an LNC2 launch are timed together: each core's pass runs up to its next sendrecv /
// core_barrier, which completes when every core it involves has issued its own (paired as the
// functional simulator pairs them, sim/cores.h).
#include "sim/timing/timing.h"

#include <algorithm>

#include "sim/cores.h"
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

// The timing pass of one core.
class CoreTimer {
 public:
  CoreTimer(const Kernel& k, const std::vector<std::vector<int>>& deps, const Arch& arch)
      : k_(k), deps_(deps), arch_(arch) {
    r_.target = arch.name;
    r_.queues = {"tensor", "vector", "scalar", "gpsimd", "sync"};
    nq_dma_ = std::max(1, int(arch.dma_queues));
    for (int q = 0; q < nq_dma_; ++q) r_.queues.push_back("dma.q" + std::to_string(q));
    r_.first_dma_queue = 5;
    free_.assign(r_.queues.size(), 0.0);
    r_.queue_busy_ns.assign(r_.queues.size(), 0.0);
    r_.insts.resize(k.body.size());
  }

  // Times instructions up to the next sendrecv / core_barrier (returned, not yet timed) or the end.
  const Instruction* run_until_sync() {
    for (; next_ < k_.body.size(); ++next_) {
      const Instruction& inst = k_.body[next_];
      if (sim::is_sync(inst.op)) return &inst;
      issue(next_);
    }
    return nullptr;
  }

  // The pending sync instruction is issued on its queue: when it starts (its queue free and its
  // dependencies done). For sendrecv, also when this core's DMA engines could begin the transfer.
  double sync_start() {
    InstTiming& t = place(next_);
    t.start_ns = std::max(free_[t.queue], t.ready_ns);
    return t.start_ns;
  }
  double sendrecv_begin() const {
    return std::max(r_.insts[next_].start_ns + arch_.dma_fixed_ns, dma_engines_free_);
  }
  // Completes the pending sync instruction at `done_ns`; a sendrecv moved `shape` from `begin_ns`.
  void finish_sync(double done_ns, double begin_ns = 0, const DmaShape* shape = nullptr) {
    InstTiming& t = r_.insts[next_];
    t.end_ns = t.done_ns = done_ns;
    if (shape) {
      dma_engines_free_ = done_ns;
      r_.dma_busy_ns += done_ns - begin_ns;
      t.transfer_ns = done_ns - begin_ns;
      t.bytes = double(shape->bytes);
    }
    retire(t);
    ++next_;
  }

  TimingResult result() {
    r_.peak_flops_per_ns = arch_.peak_flops_per_ns(fp32_mm_);
    r_.fp32_matmul = fp32_mm_;
    return std::move(r_);
  }

 private:
  // Queue and readiness of instruction i.
  InstTiming& place(size_t i) {
    const Instruction& inst = k_.body[i];
    InstTiming& t = r_.insts[i];
    t.queue = inst.engine == Engine::Dma ? r_.first_dma_queue + next_dma_++ % nq_dma_ : engine_queue(inst.engine);
    for (int d : deps_[i]) {
      const InstTiming& p = r_.insts[d];
      double at = p.done_ns + (p.queue != t.queue ? arch_.semaphore_latency_ns : 0);
      if (at >= t.ready_ns) t.ready_ns = at, t.blocker = d;
    }
    return t;
  }

  void retire(const InstTiming& t) {
    free_[t.queue] = t.end_ns;
    r_.queue_busy_ns[t.queue] += t.end_ns - t.start_ns;
    r_.total_ns = std::max(r_.total_ns, t.done_ns);
  }

  void issue(size_t i) {
    const Instruction& inst = k_.body[i];
    if (inst.op == Opcode::alloc) return;
    InstTiming& t = place(i);
    t.start_ns = std::max(free_[t.queue], t.ready_ns);
    if (inst.engine == Engine::Dma) {
      DmaShape shape = dma_shape(inst, arch_);
      double begin = std::max(t.start_ns + arch_.dma_fixed_ns, dma_engines_free_);
      t.end_ns = t.done_ns = begin + dma_transfer_ns(shape, arch_);
      dma_engines_free_ = t.end_ns;
      r_.dma_busy_ns += t.end_ns - begin;
      t.transfer_ns = t.end_ns - begin;
      t.bytes = double(shape.bytes);
      if (shape.touches_hbm) r_.hbm_bytes += t.bytes;
    } else {
      EngineState& st = states_[engine_queue(inst.engine)];
      std::string table_before = st.act_table;
      Cost c = compute_cost(inst, arch_, st);
      if (st.act_table != table_before) {
        ++r_.act_table_loads;
        t.table_load_ns = arch_.act_table_load_ns;
      }
      if (inst.engine == Engine::Tensor) {
        double f = throttle_.factor(t.start_ns, arch_);
        c.busy_ns *= f, c.latency_ns *= f, c.cycles *= f;
      }
      t.cycles = c.cycles;
      t.end_ns = t.start_ns + c.busy_ns;
      t.done_ns = t.start_ns + c.latency_ns;
      if (inst.engine == Engine::Tensor) throttle_.last_end = t.end_ns;
      if (op_name(inst.op) == "nc_matmul") {
        const AccessPattern& stat = inst.operands[1].ap;
        const AccessPattern& mov = inst.operands[2].ap;
        r_.matmul_flops += 2.0 * double(mov.num_partitions()) * double(stat.elems_per_partition()) *
                           double(mov.elems_per_partition());
        fp32_mm_ = fp32_mm_ || stat.dtype == DType::float32 || mov.dtype == DType::float32;
      }
    }
    retire(t);
  }

  const Kernel& k_;
  const std::vector<std::vector<int>>& deps_;
  const Arch& arch_;
  TimingResult r_;
  int nq_dma_ = 1;
  std::vector<double> free_;
  EngineState states_[5];
  Throttle throttle_;
  double dma_engines_free_ = 0;  // the core's DMA engines, shared by all its queues
  int next_dma_ = 0;
  bool fp32_mm_ = false;
  size_t next_ = 0;
};

}  // namespace

TimingResult simulate_timing(const Kernel& k, const std::vector<std::vector<int>>& deps, const Arch& arch) {
  return std::move(simulate_timing_cores({&k}, {&deps}, arch).front());
}

std::vector<TimingResult> simulate_timing_cores(const std::vector<const Kernel*>& kernels,
                                                const std::vector<const std::vector<std::vector<int>>*>& deps,
                                                const Arch& arch) {
  std::vector<CoreTimer> timers;
  for (size_t c = 0; c < kernels.size(); ++c) timers.emplace_back(*kernels[c], *deps[c], arch);
  std::vector<const Instruction*> at(timers.size());
  for (size_t c = 0; c < timers.size(); ++c) at[c] = timers[c].run_until_sync();
  while (std::any_of(at.begin(), at.end(), [](const Instruction* i) { return i != nullptr; })) {
    const std::vector<int> group = sim::sync_group(at);
    // Every core of the group issues its instruction; it completes when the last one has.
    double latest = 0, begin = 0;
    for (int m : group) latest = std::max(latest, timers[m].sync_start());
    if (at[group[0]]->op == Opcode::core_barrier) {
      // Each core signals the others' semaphores, then waits for theirs.
      for (int m : group) timers[m].finish_sync(latest + arch.semaphore_latency_ns);
    } else {
      // The exchange starts when every core's DMA engines can start it; the sends run in parallel.
      for (int m : group) begin = std::max(begin, timers[m].sendrecv_begin());
      double end = begin;
      std::vector<DmaShape> shapes;
      for (int m : group) {
        shapes.push_back(dma_shape(*at[m], arch));
        end = std::max(end, begin + dma_transfer_ns(shapes.back(), arch));
      }
      for (size_t g = 0; g < group.size(); ++g) timers[group[g]].finish_sync(end, begin, &shapes[g]);
    }
    for (int m : group) at[m] = timers[m].run_until_sync();
  }
  std::vector<TimingResult> out;
  for (auto& t : timers) out.push_back(t.result());
  return out;
}

}  // namespace nki::timing

// The queue simulation of the timing model (see timing.h). One walk in execution order suffices:
// every queue is in order and every dependency points to an instruction that ran before. The
// cores of an LNC2 launch are walked together: each core's walk runs up to its next sendrecv /
// core_barrier, which completes when every core it involves has issued its own.
#include "sim/timing/timing.h"

#include <algorithm>
#include <map>

#include "sim/cores.h"
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

// The timing walk of one core.
class CoreTimer {
 public:
  CoreTimer(const CoreProgram& p, const Arch& arch)
      : k_(*p.kernel),
        sched_(*p.schedule),
        arch_(arch),
        loads_(p.register_loads),
        dma_engines_(std::max<size_t>(1, size_t(arch.dma_engines))),
        fits_(dma_engines_.size()),
        latest_(k_.body.size()),
        ran_(k_.body.size(), 0),
        seq_(k_,
             p.max_loop_iterations > 0 ? p.max_loop_iterations : sim::Sequencer::default_max_iterations()) {
    r_.target = arch.name;
    r_.queues = {"tensor", "vector", "scalar", "gpsimd", "sync"};
    nq_dma_ = std::max(1, int(arch.dma_queues));
    for (int q = 0; q < nq_dma_; ++q) r_.queues.push_back("dma.q" + std::to_string(q));
    r_.first_dma_queue = 5;
    free_.assign(r_.queues.size(), 0.0);
    r_.queue_busy_ns.assign(r_.queues.size(), 0.0);
  }

  // Times instructions up to the next sendrecv / core_barrier (returned, not yet timed) or the end.
  const Instruction* run_until_sync() {
    while (pc_ < k_.body.size()) {
      const Instruction& inst = k_.body[pc_];
      if (sim::is_sync(inst.op)) return &inst;
      InstTiming t = place(pc_);
      if (op_info(inst.op).cost != CostClass::None) {
        if (inst.engine == Engine::Dma) {
          DmaShape shape = dma_shape(inst, arch_);
          // The hardware DGE generates descriptors faster than the default path (hw-model.md §4.1).
          const bool hwdge = inst.has_attr("dge_mode") && inst.attr_str("dge_mode") == "hwdge";
          transfer(t, shape, t.start_ns + (hwdge ? arch_.dma_hwdge_ns : arch_.dma_fixed_ns));
          if (shape.touches_hbm) r_.hbm_bytes += t.bytes;
        } else {
          compute(t, inst);
        }
      }
      retire(t);
      // Registers and runtime loops move the program counter, as in the functional simulator.
      pc_ = sim::Sequencer::handles(inst.op) ? seq_.step_control(pc_, loads_) : pc_ + 1;
    }
    return nullptr;
  }

  // The pending sync instruction is issued on its queue; returns when it starts (queue free,
  // dependencies done).
  double sync_start() {
    pending_ = place(pc_);
    return pending_.start_ns;
  }
  // A pending sendrecv: this core's side of the exchange moves its src from `trigger` on (on its
  // own DMA engines); returns when this side is done.
  double send(double trigger) {
    DmaShape shape = dma_shape(k_.body[pc_], arch_);
    transfer(pending_, shape, trigger);
    return pending_.end_ns;
  }
  // A pending collective (ncc.all_reduce / all_gather): this core's DMA engines move its share
  // from `trigger` on (all_reduce's read-add-write at the dma_compute rate); returns when done.
  double collective(double trigger) {
    const Instruction& inst = k_.body[pc_];
    DmaShape shape = dma_shape(inst, arch_);  // all_reduce's class is DmaCompute
    transfer(pending_, shape, trigger);
    if (shape.touches_hbm) r_.hbm_bytes += pending_.bytes;
    return pending_.end_ns;
  }
  // Completes the pending sync instruction: it is done (and its queue free again) at `done_ns`.
  void finish_sync(double done_ns) {
    pending_.end_ns = pending_.done_ns = done_ns;
    retire(pending_);
    ++pc_;
  }

  TimingResult result() {
    // A kernel with MX matmuls is measured against the MX peak (the highest), else fp32 or bf16.
    r_.peak_flops_per_ns = arch_.peak_flops_per_ns(fp32_mm_, mx_mm_);
    r_.fp32_matmul = fp32_mm_ && !mx_mm_;
    r_.mx_matmul = mx_mm_;
    return std::move(r_);
  }

 private:
  // Queue, readiness and start of the instruction at `pc` (an instruction of cost class None, alloc, gets
  // none).
  InstTiming place(size_t pc) {
    const Instruction& inst = k_.body[pc];
    InstTiming t;
    t.index = static_cast<int>(pc);
    if (op_info(inst.op).cost == CostClass::None) return t;
    if (inst.engine == Engine::Dma) {
      // A transfer goes to the DMA queue free soonest (the compiler spreads transfers over
      // queues so one waiting for its inputs does not hold up the others); ties round-robin.
      int best = -1;
      for (int j = 0; j < nq_dma_; ++j) {
        const int q = r_.first_dma_queue + (next_dma_ + j) % nq_dma_;
        if (best < 0 || free_[q] < free_[best]) best = q;
      }
      t.queue = best;
      next_dma_ = (best - r_.first_dma_queue + 1) % nq_dma_;
    } else {
      t.queue = engine_queue(inst.engine);
    }
    auto wait_for = [&](const std::vector<int>& deps) {
      for (int d : deps) {
        if (!ran_[d]) continue;  // a loop-carried edge in the first iteration
        const InstTiming& p = latest_[d];
        double at = p.done_ns + (p.queue != t.queue ? arch_.semaphore_latency_ns : 0);
        if (at >= t.ready_ns) t.ready_ns = at, t.blocker = d;
      }
    };
    wait_for(sched_.deps[pc]);
    if (!sched_.carried.empty()) wait_for(sched_.carried[pc]);
    t.start_ns = std::max(free_[t.queue], t.ready_ns);
    if (inst.engine == Engine::Tensor) {
      // PE tiling: the queue still issues in order, but a matmul waits only for the 32x32
      // quadrants of the array it uses; tiles on disjoint quadrants overlap.
      const PeRegion region = pe_region(inst, arch_);
      t.start_ns = std::max(tensor_issue_, t.ready_ns);
      for (int q = 0; q < PeRegion::kQuadrants; ++q)
        for (int c = 0; c < PeRegion::kQuadrants; ++c)
          if ((region.rows >> q & 1) && (region.cols >> c & 1))
            t.start_ns = std::max(t.start_ns, pe_free_[q][c]);
      tensor_issue_ = t.start_ns;
    }
    return t;
  }

  // A DMA transfer of `shape` triggered at `trigger`: it takes the engines that can take it
  // soonest; engine k of it starts k staggers after the trigger, in the first gap of that engine
  // long enough.
  void transfer(InstTiming& t, const DmaShape& shape, double trigger) {
    const double each = dma_engine_ns(shape, arch_);
    for (size_t e = 0; e < dma_engines_.size(); ++e) fits_[e] = {dma_engines_[e].fit(trigger, each), e};
    const auto used = static_cast<size_t>(std::min<int64_t>(shape.engines, int64_t(fits_.size())));
    std::partial_sort(fits_.begin(), fits_.begin() + used, fits_.end());
    double first = 1e300, last = 0;
    for (size_t k = 0; k < used; ++k) {
      DmaEngine& eng = dma_engines_[fits_[k].second];
      const double begin = eng.fit(trigger + double(k) * arch_.dma_engine_stagger_ns, each);
      eng.reserve(begin, each);
      first = std::min(first, begin), last = std::max(last, begin + each);
      r_.dma_busy_ns += each / double(dma_engines_.size());
    }
    t.end_ns = t.done_ns = last;
    t.transfer_ns = last - first;
    t.bytes = double(shape.bytes);
  }

  void compute(InstTiming& t, const Instruction& inst) {
    EngineState& st = states_[engine_queue(inst.engine)];
    const std::optional<ActFn> table_before = st.act_table;
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
    if (inst.engine == Engine::Tensor) {
      throttle_.last_end = std::max(throttle_.last_end, t.end_ns);
      const PeRegion region = pe_region(inst, arch_);
      for (int q = 0; q < PeRegion::kQuadrants; ++q)
        for (int c = 0; c < PeRegion::kQuadrants; ++c)
          if ((region.rows >> q & 1) && (region.cols >> c & 1)) pe_free_[q][c] = t.end_ns;
    }
    const bool transpose_mode = inst.has_attr("is_transpose") && inst.attr_bool("is_transpose");
    if (inst.op == Opcode::nc_matmul && !transpose_mode) {
      constexpr Roles R(Opcode::nc_matmul);
      const AccessPattern& stat = inst.operands[R("stationary")].ap;
      const AccessPattern& mov = inst.operands[R("moving")].ap;
      // double_row: [K, 2, M] x [K, 2, N] contracts over 2K, so K * 2M * 2N / 2 products.
      const double packed = inst.has_attr("perf_mode") && inst.attr_str("perf_mode") == "double_row" ? 2 : 1;
      r_.matmul_flops += 2.0 * double(mov.num_partitions()) * double(stat.elems_per_partition()) *
                         double(mov.elems_per_partition()) / packed;
      fp32_mm_ = fp32_mm_ || stat.dtype == DType::float32 || mov.dtype == DType::float32;
    }
    if (inst.op == Opcode::nc_matmul_mx) {  // 4 packed values per element: K * 4 * M * N products
      constexpr Roles R(Opcode::nc_matmul_mx);
      const AccessPattern& stat = inst.operands[R("stationary")].ap;
      const AccessPattern& mov = inst.operands[R("moving")].ap;
      r_.matmul_flops += 2.0 * 4.0 * double(mov.num_partitions()) * double(stat.elems_per_partition()) *
                         double(mov.elems_per_partition());
      mx_mm_ = true;
    }
  }

  // Records an instruction's timing and frees its queue.
  void retire(const InstTiming& t) {
    const auto pc = static_cast<size_t>(t.index);
    if (t.queue >= 0) {
      free_[t.queue] = std::max(free_[t.queue], t.end_ns);
      if (k_.body[pc].engine == Engine::Tensor) {
        // PE tiles overlap: busy time is the union of the intervals (starts never decrease).
        r_.queue_busy_ns[t.queue] += std::max(0.0, t.end_ns - std::max(t.start_ns, tensor_busy_until_));
        tensor_busy_until_ = std::max(tensor_busy_until_, t.end_ns);
      } else {
        r_.queue_busy_ns[t.queue] += t.end_ns - t.start_ns;
      }
      if (k_.body[pc].engine == Engine::Dma && ++dma_count_ % 1024 == 0) {
        // Every later transfer starts after some DMA queue is free again.
        const double horizon = *std::min_element(free_.begin() + r_.first_dma_queue, free_.end());
        for (DmaEngine& e : dma_engines_) e.forget_before(horizon);
      }
      r_.total_ns = std::max(r_.total_ns, t.done_ns);
    }
    latest_[pc] = t;
    ran_[pc] = 1;
    ++r_.executed;
    if (r_.insts.size() < kMaxRecorded) r_.insts.push_back(t);
  }

  const Kernel& k_;
  const Schedule& sched_;
  const Arch& arch_;
  const std::vector<int32_t>* loads_;
  TimingResult r_;
  int nq_dma_ = 1;
  std::vector<double> free_;
  EngineState states_[5];
  Throttle throttle_;
  // PE tiling: when each 32x32 quadrant of the array frees up, the last Tensor start, and the
  // end of the Tensor queue's busy time so far.
  double pe_free_[PeRegion::kQuadrants][PeRegion::kQuadrants] = {};
  double tensor_issue_ = 0, tensor_busy_until_ = 0;
  // When each of the core's DMA engines is free: all queues share them.
  std::vector<DmaEngine> dma_engines_;
  std::vector<std::pair<double, size_t>> fits_;
  int next_dma_ = 0;
  int64_t dma_count_ = 0;
  bool fp32_mm_ = false;
  bool mx_mm_ = false;
  // The latest instance of every body instruction (a runtime loop runs its body many times);
  // dependencies are on the latest instance, loop-carried ones on the previous iteration's.
  std::vector<InstTiming> latest_;
  std::vector<char> ran_;
  sim::Sequencer seq_;
  size_t pc_ = 0;
  InstTiming pending_;  // the sync instruction being completed
};

}  // namespace

TimingResult simulate_timing(const Kernel& k, const Schedule& sched, const Arch& arch,
                             const std::vector<int32_t>* register_loads) {
  return std::move(simulate_timing_cores({{&k, &sched, register_loads}}, arch).front());
}

// Collectives between the cores of a launch (hw-model.md §8): the Mesh algorithm's one hop
// (intra-node per-hop latency 1-2 us; the middle) and Trn2's intra-instance link bandwidth per
// chip (1,024 GB/s = 1,024 bytes/ns).
constexpr double kCollectiveHopNs = 1500.0;
constexpr double kCollectiveLinkBytesPerNs = 1024.0;

std::vector<TimingResult> simulate_timing_cores(const std::vector<CoreProgram>& programs, const Arch& arch) {
  std::vector<CoreTimer> timers;
  timers.reserve(programs.size());
  for (const CoreProgram& p : programs) timers.emplace_back(p, arch);
  std::vector<const Instruction*> at(timers.size());
  for (size_t c = 0; c < timers.size(); ++c) at[c] = timers[c].run_until_sync();
  while (std::any_of(at.begin(), at.end(), [](const Instruction* i) { return i != nullptr; })) {
    const std::vector<int> group = sim::sync_group(at);
    // Every core of the group issues its instruction; it completes when the last one has.
    double latest = 0;
    for (int m : group) latest = std::max(latest, timers[m].sync_start());
    double done = latest + arch.semaphore_latency_ns;  // core_barrier: each signals the others, then waits
    if (at[group[0]]->op == Opcode::sendrecv) {
      // The exchange starts when every core has issued it; each side moves its src on its own
      // DMA engines, and both are done when the slower side is.
      done = 0;
      for (int m : group) done = std::max(done, timers[m].send(latest + arch.dma_fixed_ns));
    } else if (sim::is_collective(at[group[0]]->op)) {
      // hw-model.md §8, the Mesh algorithm (the one for < 1 MB): every core sends its src straight
      // to the others, one hop of ~1-2 us (kCollectiveHopNs), then bytes / bandwidth: the slower of
      // the cores' DMA engines and the link (kCollectiveLinkBytesPerNs, Trn2's 1,024 GB/s).
      const double trigger = latest + arch.dma_fixed_ns + kCollectiveHopNs;
      done = 0;
      for (int m : group) {
        const AccessPattern& src = at[m]->operands[Roles{Opcode::collective_all_reduce}("src")].ap;
        const double sent = double(src.num_elements() * dtype_size(src.dtype)) * double(group.size() - 1);
        done = std::max({done, timers[m].collective(trigger), trigger + sent / kCollectiveLinkBytesPerNs});
      }
    }
    for (int m : group) {
      timers[m].finish_sync(done);
      at[m] = timers[m].run_until_sync();
    }
  }
  std::vector<TimingResult> out;
  for (auto& t : timers) out.push_back(t.result());
  return out;
}

}  // namespace nki::timing

// The queue simulation of the timing model (see timing.h). One pass in program order suffices:
// every queue is in order and every dependency points to an earlier instruction.
#include "sim/timing/timing.h"

#include <algorithm>

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

TimingResult simulate_timing(const Kernel& k, const std::vector<std::vector<int>>& deps, const Arch& arch) {
  TimingResult r;
  r.target = arch.name;
  r.queues = {"tensor", "vector", "scalar", "gpsimd", "sync"};
  const int nq_dma = std::max(1, int(arch.dma_queues));
  for (int q = 0; q < nq_dma; ++q) r.queues.push_back("dma.q" + std::to_string(q));
  r.first_dma_queue = 5;
  std::vector<double> free(r.queues.size(), 0.0);
  r.queue_busy_ns.assign(r.queues.size(), 0.0);
  r.insts.resize(k.body.size());

  EngineState states[5];
  Throttle throttle;
  double dma_engines_free = 0;  // the core's DMA engines, shared by all queues
  int next_dma = 0;
  bool fp32_mm = false;
  // PE tiling: when each 32x32 quadrant of the array frees up, and the last Tensor start (the
  // queue still issues in order; tiles on disjoint quadrants overlap).
  double pe_free[PeRegion::kQuadrants][PeRegion::kQuadrants] = {};
  double tensor_issue = 0;

  for (size_t i = 0; i < k.body.size(); ++i) {
    const Instruction& inst = k.body[i];
    InstTiming& t = r.insts[i];
    if (inst.op == Opcode::alloc) continue;
    t.queue = inst.engine == Engine::Dma ? r.first_dma_queue + next_dma++ % nq_dma : engine_queue(inst.engine);
    for (int d : deps[i]) {
      const InstTiming& p = r.insts[d];
      double at = p.done_ns + (p.queue != t.queue ? arch.semaphore_latency_ns : 0);
      if (at >= t.ready_ns) t.ready_ns = at, t.blocker = d;
    }
    t.start_ns = std::max(free[t.queue], t.ready_ns);
    PeRegion region;
    if (inst.engine == Engine::Tensor) {
      region = pe_region(inst, arch);
      t.start_ns = std::max(tensor_issue, t.ready_ns);
      for (int r = 0; r < PeRegion::kQuadrants; ++r)
        for (int c = 0; c < PeRegion::kQuadrants; ++c)
          if ((region.rows >> r & 1) && (region.cols >> c & 1)) t.start_ns = std::max(t.start_ns, pe_free[r][c]);
      tensor_issue = t.start_ns;
    }
    if (inst.engine == Engine::Dma) {
      DmaShape shape = dma_shape(inst, arch);
      // The hardware DGE generates descriptors faster than the default path (hw-model.md §4.1).
      const bool hwdge = inst.has_attr("dge_mode") && inst.attr_str("dge_mode") == "hwdge";
      double begin = std::max(t.start_ns + (hwdge ? arch.dma_hwdge_ns : arch.dma_fixed_ns), dma_engines_free);
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
      if (inst.engine == Engine::Tensor) {
        throttle.last_end = std::max(throttle.last_end, t.end_ns);
        for (int q = 0; q < PeRegion::kQuadrants; ++q)
          for (int c = 0; c < PeRegion::kQuadrants; ++c)
            if ((region.rows >> q & 1) && (region.cols >> c & 1)) pe_free[q][c] = t.end_ns;
      }
      const bool transpose_mode = inst.has_attr("is_transpose") && inst.attr_bool("is_transpose");
      if (op_name(inst.op) == "nc_matmul" && !transpose_mode) {
        const AccessPattern& stat = inst.operands[1].ap;
        const AccessPattern& mov = inst.operands[2].ap;
        // double_row: [K, 2, M] x [K, 2, N] contracts over 2K, so K * 2M * 2N / 2 products.
        const double packed = inst.has_attr("perf_mode") && inst.attr_str("perf_mode") == "double_row" ? 2 : 1;
        r.matmul_flops += 2.0 * double(mov.num_partitions()) * double(stat.elems_per_partition()) *
                          double(mov.elems_per_partition()) / packed;
        fp32_mm = fp32_mm || stat.dtype == DType::float32 || mov.dtype == DType::float32;
      }
    }
    free[t.queue] = std::max(free[t.queue], t.end_ns);
    r.queue_busy_ns[t.queue] += t.end_ns - t.start_ns;
    r.total_ns = std::max(r.total_ns, t.done_ns);
  }
  r.peak_flops_per_ns = arch.peak_flops_per_ns(fp32_mm);
  r.fp32_matmul = fp32_mm;
  return r;
}

}  // namespace nki::timing

// The cost formulas (see cost.h). Every constant comes from the Arch; the formulas are those of
// hw-model.md §5 (legacy ISA docstrings) with the §11 synthesis for latencies and DMA.
#include "sim/timing/cost.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace nki::timing {

namespace {

bool is_16bit_float(DType t) {
  return dtype_size(t) == 2;
}

const AccessPattern* tensor_operand(const Instruction& inst, size_t i) {
  return i < inst.operands.size() && inst.operands[i].is_tensor() ? &inst.operands[i].ap : nullptr;
}

// Elements per partition the engine streams: the largest tensor operand's free size.
double free_size(const Instruction& inst) {
  int64_t n = 1;
  for (const auto& o : inst.operands)
    if (o.is_tensor() && is_on_chip(o.ap.storage->buffer)) n = std::max(n, o.ap.elems_per_partition());
  return double(n);
}

// Whether every tensor operand is a 16-bit float in SBUF (the Vector/Scalar performance modes).
bool all_16bit_sbuf(const Instruction& inst) {
  for (const auto& o : inst.operands)
    if (o.is_tensor() && (o.ap.storage->buffer != Buffer::Sbuf || !is_16bit_float(o.ap.dtype))) return false;
  return true;
}

// Streaming passes per element of an instruction on the Vector or GpSimd engine, by its cost
// class (hw-model.md §5.2).
double vector_passes(const Instruction& inst, const Arch& arch) {
  switch (op_info(inst.op).cost) {
    case CostClass::Binary: {
      constexpr Roles R(Opcode::tensor_tensor);
      const AccessPattern* a = tensor_operand(inst, R("data1"));
      const AccessPattern* b = tensor_operand(inst, R("data2"));
      bool mixed = a && b && (a->storage->buffer == Buffer::Psum) != (b->storage->buffer == Buffer::Psum);
      if (mixed) return 1;
      if (all_16bit_sbuf(inst)) return 2 / arch.vector_bf16_tt_speedup;
      return 2;
    }
    case CostClass::Copy: return all_16bit_sbuf(inst) ? 1 / arch.vector_bf16_speedup : 1;
    case CostClass::Fill: {
      const AccessPattern* d = tensor_operand(inst, Roles{Opcode::memset}("dst"));
      bool zero = inst.has_attr("value") && inst.attr_float("value") == 0;
      return zero && d && is_16bit_float(d->dtype) ? 0.5 : 1;
    }
    case CostClass::Reduce: return all_16bit_sbuf(inst) ? 0.5 : 1;
    case CostClass::Stream2: return arch.stream2_passes;
    case CostClass::HalfStream: return arch.half_stream_passes;
    case CostClass::QuarterStream: return arch.quarter_stream_passes;
    case CostClass::Reciprocal: return arch.reciprocal_passes;
    case CostClass::BnAggr: return arch.bn_aggr_passes;
    default: return 1;  // Stream, and Transpose on the Vector engine
  }
}

double tensor_cycles(const Instruction& inst, const Arch& arch, EngineState& st) {
  switch (op_info(inst.op).cost) {
    // nc_matmul_mx contracts 4 packed values per partition in the time of one (hw-model.md §2.2,
    // §11: MX K <= 512 at the cost of a BF16 K = 128 matmul).
    case CostClass::Matmul: return matmul_cycles(inst, arch, st);
    case CostClass::Transpose: {
      const AccessPattern* in = tensor_operand(inst, Roles{Opcode::nc_transpose}("data"));
      double p = in ? double(in->num_partitions()) : 1, f = in ? double(in->elems_per_partition()) : 1;
      return std::max(p, std::min(arch.transpose_min_cycles, f));
    }
    default: return std::max(arch.mm_min_cycles, free_size(inst));
  }
}

// GpSimd cycles: the instructions with formulas of their own, else streaming after the start.
double gpsimd_cycles(const Instruction& inst, const Arch& arch) {
  switch (op_info(inst.op).cost) {
    case CostClass::Topk: {
      // 4n + k cycles (the nki.isa.topk documentation): n snake elements, k results.
      const AccessPattern* val = tensor_operand(inst, Roles{Opcode::topk}("val_dst"));
      const double n = double(inst.attr_int("n"));
      return arch.gpsimd_start_cycles + arch.topk_cycles_per_element * n +
             (val ? double(val->elems_per_partition()) : 0);
    }
    case CostClass::LocalGather: {
      // 150 + V*e / C, C = ((28 + t*e) / (t*e)) / min(4 / dtype_size, e), t = 4 (the legacy
      // nki.isa.local_gather docstring, hw-model.md §5.5): V indices of e elements per core.
      const AccessPattern* dst = tensor_operand(inst, Roles{Opcode::local_gather}("dst"));
      const double e = double(inst.attr_int("num_elem_per_idx"));
      const double v = dst ? double(dst->elems_per_partition()) / e : 0;
      const double size = dst ? double(dtype_size(dst->dtype)) : 4;
      const double t = arch.local_gather_elem_cycles;
      const double cc = ((arch.local_gather_index_cycles + t * e) / (t * e)) / std::min(4 / size, e);
      return arch.gpsimd_start_cycles + v * e / cc;
    }
    default: return arch.gpsimd_start_cycles + free_size(inst) * vector_passes(inst, arch);
  }
}

}  // namespace

double engine_clock_ghz(Engine e, const Arch& arch) {
  switch (e) {
    case Engine::Tensor: return arch.tensor_clock_ghz;
    case Engine::Vector: return arch.vector_clock_ghz;
    case Engine::Scalar: return arch.scalar_clock_ghz;
    default: return arch.gpsimd_clock_ghz;
  }
}

double matmul_cycles(const Instruction& inst, const Arch& arch, EngineState& st) {
  constexpr Roles R(Opcode::nc_matmul);  // nc_matmul_mx's are at the same places
  static_assert(R("stationary") == Roles{Opcode::nc_matmul_mx}("stationary") &&
                R("moving") == Roles{Opcode::nc_matmul_mx}("moving"));
  const AccessPattern* stat = tensor_operand(inst, R("stationary"));
  const AccessPattern* mov = tensor_operand(inst, R("moving"));
  double m = stat ? double(stat->elems_per_partition()) : 1;
  double n = mov ? double(mov->elems_per_partition()) : 1;
  // double_row packs two fp8 rows per PE: [K, 2, N] streams in the time of [K, N] (hw-model.md §2.2).
  if (inst.has_attr("perf_mode") && inst.attr_str("perf_mode") == "double_row") m /= 2, n /= 2;
  bool fp32 = (stat && stat->dtype == DType::float32) || (mov && mov->dtype == DType::float32);
  double factor = fp32 ? arch.mm_fp32_factor : 1;
  // A 0/1-only fp32 operand (is_*_onezero) and fp32 transpose mode (NeuronCore-v3+) run 2x faster
  // (nki-api.md §7.3, hw-model.md §2.2).
  auto has = [&](const char* a) { return inst.has_attr(a) && inst.attr_bool(a); };
  if (fp32 && (has("is_stationary_onezero") || has("is_moving_onezero") ||
               (has("is_transpose") && arch.nc_version >= 3)))
    factor /= 2;
  double mm = std::max(n, std::min(arch.mm_min_cycles, m)) * factor;
  // LoadStationary: skipped when the same stationary is already in the array; otherwise it runs
  // in the background of the previous matmul, so only the part longer than that matmul shows.
  double ls = 0;
  bool same = stat && st.stationary == stat->storage && st.stationary_offset == stat->offset;
  if (!same) ls = std::max(0.0, std::ceil(m / arch.ls_speedup) * factor - st.prev_mm_cycles);
  if (stat) st.stationary = stat->storage, st.stationary_offset = stat->offset;
  st.prev_mm_cycles = mm;
  return mm + ls;
}

PeRegion pe_region(const Instruction& inst, const Arch& arch) {
  PeRegion r;
  const int rows = std::max(1, int(arch.pe_rows)), cols = std::max(1, int(arch.pe_cols));
  auto cells = [](int64_t at, int64_t size, int total) {
    uint32_t mask = 0;
    for (int q = 0; q < PeRegion::kQuadrants; ++q) {
      int64_t lo = int64_t(q) * total / PeRegion::kQuadrants,
              hi = int64_t(q + 1) * total / PeRegion::kQuadrants;
      if (lo < at + size && at < hi) mask |= 1u << q;
    }
    return mask;
  };
  if (op_info(inst.op).cost == CostClass::Matmul && inst.has_attr("tile_rows")) {
    r.rows = cells(inst.attr_int("tile_row"), inst.attr_int("tile_rows"), rows);
    r.cols = cells(inst.attr_int("tile_col"), inst.attr_int("tile_cols"), cols);
  }
  return r;
}

Cost compute_cost(const Instruction& inst, const Arch& arch, EngineState& st) {
  const double ghz = engine_clock_ghz(inst.engine, arch);
  Cost c;
  double extra_ns = 0, latency_cycles = 0;
  switch (inst.engine) {
    case Engine::Tensor: c.cycles = tensor_cycles(inst, arch, st); break;
    case Engine::Scalar: {
      double n = free_size(inst);
      double rate = all_16bit_sbuf(inst) ? arch.scalar_bf16_speedup : 1;
      c.cycles = std::max(arch.scalar_min_ii, n / rate);
      if (op_info(inst.op).cost == CostClass::Activation) {
        // The class's instructions (activation, activate2) have an op= function and a reduce_res.
        const int res = operand_index(inst.op, "reduce_res");
        if (res >= 0 && tensor_operand(inst, size_t(res))) c.cycles += arch.scalar_min_ii;  // reduce read-out
        const ActFn fn = inst.attr_act("op");
        if (fn != ActFn::Copy && fn != st.act_table) {
          extra_ns = arch.act_table_load_ns;
          st.act_table = fn;
        }
      }
      latency_cycles = arch.scalar_latency_cycles;
      break;
    }
    case Engine::GpSimd: c.cycles = gpsimd_cycles(inst, arch); break;
    case Engine::Vector:
      c.cycles = std::max(arch.vector_min_ii, free_size(inst) * vector_passes(inst, arch));
      latency_cycles = arch.vector_latency_cycles;
      break;
    default:  // Sync and anything new: a sequencer instruction
      c.cycles = arch.gpsimd_start_cycles;
      break;
  }
  c.busy_ns = c.cycles / ghz + extra_ns;
  c.latency_ns = c.busy_ns + latency_cycles / ghz;
  return c;
}

namespace {

// Bytes of the innermost contiguous run of `ap` (trailing dims laid out densely), at most the
// partition row for on-chip patterns.
int64_t contiguous_run_bytes(const AccessPattern& ap) {
  int64_t run = 1, expect = 1;
  size_t first = is_on_chip(ap.storage->buffer) ? 1 : 0;
  for (size_t d = ap.dims.size(); d-- > first;) {
    if (ap.dims[d].num == 1) continue;
    if (ap.dims[d].step != expect) break;
    run *= ap.dims[d].num;
    expect *= ap.dims[d].num;
  }
  return run * dtype_size(ap.dtype);
}

}  // namespace

DmaShape dma_shape(const Instruction& inst, const Arch& arch) {
  DmaShape d;
  // Every DMA instruction has dst first, then its sources (src, or dma_compute's src0..src15).
  const AccessPattern* dst = tensor_operand(inst, 0);
  const AccessPattern* src = tensor_operand(inst, 1);
  int64_t partitions = 0, row = INT64_MAX, hbm_row = INT64_MAX, hbm_sides = 0;
  std::vector<const AccessPattern*> aps = {dst, src};
  for (size_t i = 2; i < inst.operands.size(); ++i) aps.push_back(tensor_operand(inst, i));  // dma_compute
  for (const AccessPattern* ap : aps) {
    if (!ap) continue;
    d.bytes = std::max(d.bytes, ap->num_elements() * dtype_size(ap->dtype));
    row = std::min(row, contiguous_run_bytes(*ap));
    if (is_on_chip(ap->storage->buffer)) {
      partitions = std::max(partitions, ap->num_partitions());
    } else {
      d.touches_hbm = true;
      hbm_row = contiguous_run_bytes(*ap);
      ++hbm_sides;
    }
  }
  // Between HBM and SBUF, HBM's contiguity sets the efficiency: a partition row is one
  // descriptor either way, but short strided HBM runs waste HBM bursts.
  if (hbm_sides == 1) row = hbm_row;
  // hw-model.md §4.2: a transpose moves at 90 % of a copy from HBM, 50 % SBUF to SBUF; compute
  // (read-add-write) at 50 % before trn3.
  const CostClass cost = op_info(inst.op).cost;
  if (cost == CostClass::DmaTranspose && src)
    d.rate = is_hbm(src->storage->buffer) ? arch.dma_transpose_hbm_eff : arch.dma_transpose_sbuf_eff;
  if (cost == CostClass::DmaCompute) d.rate = arch.dma_compute_eff;
  d.row_bytes =
      std::max<int64_t>(1, row == INT64_MAX ? d.bytes : std::min(row, std::max<int64_t>(1, d.bytes)));
  // Each engine takes a group of partition rows (HBM to HBM: of descriptors).
  int64_t rows = partitions > 0 ? partitions : (d.bytes + d.row_bytes - 1) / d.row_bytes;
  int64_t per = std::max<int64_t>(1, int64_t(arch.dma_partitions_per_engine));
  d.engines = std::clamp<int64_t>((rows + per - 1) / per, 1, std::max<int64_t>(1, int64_t(arch.dma_engines)));
  return d;
}

double dma_efficiency(int64_t row_bytes, const Arch& arch) {
  const double pts[][2] = {{6, arch.dma_eff_64},  {7, arch.dma_eff_128}, {8, arch.dma_eff_256},
                           {9, arch.dma_eff_512}, {10, arch.dma_eff_1k}, {11, arch.dma_eff_2k},
                           {12, arch.dma_eff_4k}};
  double x = std::log2(double(std::max<int64_t>(1, row_bytes)));
  if (x <= pts[0][0]) return pts[0][1];
  for (int i = 1; i < 7; ++i)
    if (x <= pts[i][0]) return pts[i - 1][1] + (pts[i][1] - pts[i - 1][1]) * (x - pts[i - 1][0]);
  return pts[6][1];
}

double dma_engine_ns(const DmaShape& d, const Arch& arch) {
  double eff = std::max(1e-3, dma_efficiency(d.row_bytes, arch) * d.rate);
  double rate = arch.dma_engine_bytes_per_ns;
  // Transfers touching HBM share the core's HBM bandwidth: each engine gets its fair share.
  if (d.touches_hbm) rate = std::min(rate, arch.hbm_bytes_per_ns / std::max(1.0, double(arch.dma_engines)));
  return double(d.bytes) / double(d.engines) / (rate * eff);
}

double dma_transfer_ns(const DmaShape& d, const Arch& arch) {
  return dma_engine_ns(d, arch) + double(d.engines - 1) * arch.dma_engine_stagger_ns;
}

}  // namespace nki::timing

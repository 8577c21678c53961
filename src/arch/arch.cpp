// The per-target configurations, and the one table (kFields) that names, describes and gives the
// unit of every value: `nki arch` prints it and `--arch-set` writes through it. Numbers from
// ../shared/reference/hw-model.md §1-§5 and §11 (tile_size values from KLR's Trace.lean, via
// nki-api.md §5.1). Values marked "fit" in their description were chosen to match the published
// measurements of hw-model.md §9 (see docs/performance.md), not read from a document.
#include "arch/arch.h"

#include <fmt/format.h>

#include <cmath>
#include <variant>

#include "support/diagnostics.h"

namespace nki {

namespace {

struct Field {
  const char* key;
  std::variant<int64_t Arch::*, double Arch::*> member;
  const char* unit;
  const char* description;
};

// Print order of `nki arch`.
const Field kFields[] = {
    {"num_partitions", &Arch::num_partitions, "partitions",
     "SBUF/PSUM partitions; max partition dim of a tile"},
    {"sbuf_partition_bytes", &Arch::sbuf_partition_bytes, "bytes", "physical SBUF bytes per partition"},
    {"sbuf_usable_bytes", &Arch::sbuf_usable_bytes, "bytes",
     "SBUF bytes per partition available to a kernel"},
    {"psum_partition_bytes", &Arch::psum_partition_bytes, "bytes", "PSUM bytes per partition"},
    {"psum_bank_bytes", &Arch::psum_bank_bytes, "bytes", "PSUM bank size per partition (512 fp32)"},
    {"psum_num_banks", &Arch::psum_num_banks, "banks", "PSUM banks"},
    {"gemm_stationary_fmax", &Arch::gemm_stationary_fmax, "elements",
     "max free size of the matmul stationary operand"},
    {"gemm_moving_fmax", &Arch::gemm_moving_fmax, "elements", "max free size of the matmul moving operand"},
    {"bn_stats_fmax", &Arch::bn_stats_fmax, "elements", "max free size of a bn_stats input"},
    {"psum_min_align", &Arch::psum_min_align, "bytes", "minimum alignment of a PSUM free address"},
    {"sbuf_min_align", &Arch::sbuf_min_align, "bytes", "minimum alignment of an SBUF free address"},
    {"tensor_clock_ghz", &Arch::tensor_clock_ghz, "GHz", "Tensor Engine clock"},
    {"vector_clock_ghz", &Arch::vector_clock_ghz, "GHz", "Vector Engine clock"},
    {"scalar_clock_ghz", &Arch::scalar_clock_ghz, "GHz", "Scalar (Activation) Engine clock"},
    {"gpsimd_clock_ghz", &Arch::gpsimd_clock_ghz, "GHz", "GpSimd Engine clock (also the Sync engine's)"},
    {"pe_rows", &Arch::pe_rows, "PEs", "processing-element rows of the systolic array (contraction)"},
    {"pe_cols", &Arch::pe_cols, "PEs", "processing-element columns (stationary free size)"},
    {"mm_min_cycles", &Arch::mm_min_cycles, "cycles",
     "matmul initiation interval floor: max(N_moving, this)"},
    {"mm_fp32_factor", &Arch::mm_fp32_factor, "x", "cost multiplier of an fp32 matmul (4 passes)"},
    {"ls_speedup", &Arch::ls_speedup, "x", "LoadStationary speed relative to an MM of the same free size"},
    {"transpose_min_cycles", &Arch::transpose_min_cycles, "cycles", "PE transpose cost max(P, min(this, F))"},
    {"tensor_warmup_ns", &Arch::tensor_warmup_ns, "ns",
     "dI/dt throttle: reduced rate this long after start/idle"},
    {"tensor_warmup_rate", &Arch::tensor_warmup_rate, "x",
     "Tensor Engine rate during warm-up (1 = no throttle)"},
    {"tensor_idle_reset_ns", &Arch::tensor_idle_reset_ns, "ns",
     "idle gap after which the throttle re-engages"},
    {"vector_min_ii", &Arch::vector_min_ii, "cycles",
     "Vector Engine pipelined initiation interval floor (MIN_II)"},
    {"vector_bf16_speedup", &Arch::vector_bf16_speedup, "x",
     "perf mode: 16-bit SBUF copy/tensor_scalar speedup"},
    {"vector_bf16_tt_speedup", &Arch::vector_bf16_tt_speedup, "x",
     "perf mode: 16-bit SBUF tensor_tensor speedup"},
    {"vector_latency_cycles", &Arch::vector_latency_cycles, "cycles",
     "Vector result latency beyond its II (static overhead)"},
    {"scalar_min_ii", &Arch::scalar_min_ii, "cycles", "Scalar Engine pipelined initiation interval floor"},
    {"scalar_bf16_speedup", &Arch::scalar_bf16_speedup, "x", "Scalar 16-bit streaming speedup"},
    {"scalar_latency_cycles", &Arch::scalar_latency_cycles, "cycles",
     "Scalar result latency beyond its II (fit: trn2 ACT profile)"},
    {"act_table_load_ns", &Arch::act_table_load_ns, "ns",
     "activation table load when the function changes (trn2 profile)"},
    {"gpsimd_start_cycles", &Arch::gpsimd_start_cycles, "cycles", "fixed start cost of a GpSimd instruction"},
    {"stream2_passes", &Arch::stream2_passes, "cycles/element",
     "two streamed inputs (scan, select, predicated copy; hw-model §5.2)"},
    {"half_stream_passes", &Arch::half_stream_passes, "cycles/element",
     "sequence_bounds: N ids in, 2N values out"},
    {"quarter_stream_passes", &Arch::quarter_stream_passes, "cycles/element",
     "trn3 quantize_mx (4 elements/cycle), exponential (4x ACT's exp; hw-model §2.3)"},
    {"reciprocal_passes", &Arch::reciprocal_passes, "cycles/element",
     "reciprocal: max(MIN_II, 8N) (hw-model §5.2)"},
    {"bn_aggr_passes", &Arch::bn_aggr_passes, "cycles/element",
     "bn_aggr: max(MIN_II, 13 N/3) (hw-model §5.2)"},
    {"topk_cycles_per_element", &Arch::topk_cycles_per_element, "cycles",
     "topk: 4n + k cycles (nki.isa.topk docstring)"},
    {"local_gather_index_cycles", &Arch::local_gather_index_cycles, "cycles",
     "local_gather per-index overhead, the 28 of C = ((28 + t e)/(t e)) / min(4/size, e) (hw-model §5.5)"},
    {"local_gather_elem_cycles", &Arch::local_gather_elem_cycles, "cycles",
     "local_gather t = 4 of the same formula"},
    {"semaphore_latency_ns", &Arch::semaphore_latency_ns, "ns",
     "cross-engine semaphore wake-up (undocumented; guess)"},
    {"dma_engines", &Arch::dma_engines, "engines", "DMA engines per core; a transfer spreads over them"},
    {"dma_partitions_per_engine", &Arch::dma_partitions_per_engine, "partitions",
     "partition rows one engine takes of a transfer"},
    {"dma_queues", &Arch::dma_queues, "queues", "DMA queues transfers are spread over (in order within one)"},
    {"dma_engine_bytes_per_ns", &Arch::dma_engine_bytes_per_ns, "B/ns", "one DMA engine's streaming rate"},
    {"hbm_bytes_per_ns", &Arch::hbm_bytes_per_ns, "B/ns", "per-core HBM bandwidth cap (chip HBM / cores)"},
    {"dma_fixed_ns", &Arch::dma_fixed_ns, "ns", "trigger-to-start latency of one transfer"},
    {"dma_engine_stagger_ns", &Arch::dma_engine_stagger_ns, "ns",
     "start delay between the engines of one transfer (fit)"},
    {"dma_hwdge_ns", &Arch::dma_hwdge_ns, "ns",
     "trigger-to-start of a hardware-DGE transfer (nki-dge.rst: ~600 ns)"},
    {"dma_transpose_hbm_eff", &Arch::dma_transpose_hbm_eff, "x",
     "dma_transpose throughput vs a copy, from HBM (trainium2_arch.rst: 90 %)"},
    {"dma_transpose_sbuf_eff", &Arch::dma_transpose_sbuf_eff, "x",
     "dma_transpose throughput vs a copy, SBUF to SBUF (trainium2_arch.rst: 50 %)"},
    {"dma_compute_eff", &Arch::dma_compute_eff, "x",
     "dma_compute throughput vs a copy (50 % before trn3's SBUF read-add-write)"},
    {"dma_eff_64", &Arch::dma_eff_64, "x", "DMA efficiency at 64 contiguous bytes per partition row"},
    {"dma_eff_128", &Arch::dma_eff_128, "x", "DMA efficiency at 128 bytes per row"},
    {"dma_eff_256", &Arch::dma_eff_256, "x", "DMA efficiency at 256 bytes per row"},
    {"dma_eff_512", &Arch::dma_eff_512, "x", "DMA efficiency at 512 bytes per row"},
    {"dma_eff_1k", &Arch::dma_eff_1k, "x", "DMA efficiency at 1 KiB per row"},
    {"dma_eff_2k", &Arch::dma_eff_2k, "x", "DMA efficiency at 2 KiB per row"},
    {"dma_eff_4k", &Arch::dma_eff_4k, "x", "DMA efficiency at 4 KiB or more per row"},
};

Arch make_arch(std::string name, int nc_version, int64_t sbuf_kib, int64_t sbuf_usable) {
  Arch a;
  a.name = std::move(name);
  a.nc_version = nc_version;
  a.num_partitions = 128;
  a.sbuf_partition_bytes = sbuf_kib * 1024;
  a.sbuf_usable_bytes = sbuf_usable;
  a.psum_partition_bytes = 16 * 1024;
  a.psum_bank_bytes = 2048;
  a.psum_num_banks = 8;
  a.gemm_stationary_fmax = 128;
  a.gemm_moving_fmax = 512;
  a.bn_stats_fmax = 512;
  a.psum_min_align = 4;
  a.sbuf_min_align = 1;
  // Cost-formula constants common to all generations (hw-model.md §5, §11).
  a.mm_min_cycles = 64;
  a.mm_fp32_factor = 4;
  a.ls_speedup = 4;
  a.transpose_min_cycles = 64;
  a.vector_min_ii = 64;
  a.vector_latency_cycles = 100;
  a.scalar_min_ii = 64;
  a.scalar_latency_cycles = 350;
  a.act_table_load_ns = 1300;
  a.gpsimd_start_cycles = 150;
  a.stream2_passes = 2;
  a.half_stream_passes = 0.5;
  a.quarter_stream_passes = 0.25;
  a.reciprocal_passes = 8;
  a.bn_aggr_passes = 13.0 / 3.0;
  a.topk_cycles_per_element = 4;
  a.local_gather_index_cycles = 28;
  a.local_gather_elem_cycles = 4;
  a.semaphore_latency_ns = 50;
  a.dma_engines = 16;
  a.dma_partitions_per_engine = 8;
  a.dma_queues = 16;
  a.dma_fixed_ns = 1300;
  a.dma_engine_stagger_ns = 25;
  a.dma_hwdge_ns = 600;
  a.dma_transpose_hbm_eff = 0.9;
  a.dma_transpose_sbuf_eff = 0.5;
  a.dma_compute_eff = 0.5;
  // Short contiguous HBM runs waste bursts: rows under 256 bytes are overhead-bound, 256 B - 2 KiB
  // improve, 4 KiB saturates (hw-model.md §4.3). The points are fitted to §9.2 (trn2): the hoisted
  // kernel streams its 2 KiB rhs rows at >= 305 GB/s (TensorE-bound at 28.2 ms), and the tiled one
  // adds the 512 B lhsT rows at ~167 GB/s (39.9 ms). trn3 has no published data: same curve.
  a.dma_eff_64 = 0.08, a.dma_eff_128 = 0.15, a.dma_eff_256 = 0.28, a.dma_eff_512 = 0.46;
  a.dma_eff_1k = 0.67, a.dma_eff_2k = 0.88;
  return a;
}

Arch make_trn1() {
  Arch a = make_arch("trn1", 2, 192, 180224);
  a.tensor_clock_ghz = 2.8, a.vector_clock_ghz = 1.12, a.scalar_clock_ghz = 1.4, a.gpsimd_clock_ghz = 1.4;
  a.dma_engine_bytes_per_ns = 17;  // nki-dma-bandwidth-guide.rst
  a.hbm_bytes_per_ns = 410;        // 820 GB/s per chip / 2 cores
  // §9.1: 256 B - 1 KiB rows moved at ~100 GB/s in all three memory-bound kernels, with no sign
  // of a per-transfer cost (two transfers per 160 KiB cost the same per byte as one per 128 KiB).
  a.dma_engine_stagger_ns = 0;
  a.dma_eff_64 = 0.2, a.dma_eff_128 = 0.3;
  a.dma_eff_256 = a.dma_eff_512 = a.dma_eff_1k = 0.37;
  a.dma_eff_2k = 0.6;
  return a;
}

Arch make_trn2() {
  Arch a = make_arch("trn2", 3, 224, 212984);
  a.tensor_clock_ghz = 2.4, a.vector_clock_ghz = 0.96, a.scalar_clock_ghz = 1.2, a.gpsimd_clock_ghz = 1.2;
  a.tensor_warmup_ns = 3000, a.tensor_warmup_rate = 0.5, a.tensor_idle_reset_ns = 1500;
  a.vector_bf16_speedup = 4, a.vector_bf16_tt_speedup = 2;
  a.dma_engine_bytes_per_ns = 23;  // bandwidth guide; the §9.7 single-engine profile shows 23 B/ns
  a.hbm_bytes_per_ns = 362;        // 2.9 TB/s per chip / 8 cores
  return a;
}

Arch make_trn3() {
  Arch a = make_arch("trn3", 4, 256, 245752);
  a.tensor_clock_ghz = 2.4, a.vector_clock_ghz = 1.2, a.scalar_clock_ghz = 1.2, a.gpsimd_clock_ghz = 1.2;
  a.tensor_warmup_ns = 3000, a.tensor_warmup_rate = 0.5, a.tensor_idle_reset_ns = 1500;
  a.vector_bf16_speedup = 4, a.vector_bf16_tt_speedup = 2, a.scalar_bf16_speedup = 2;
  a.dma_engine_bytes_per_ns = 33;
  a.dma_compute_eff = 1;     // SBUF read-add-write at the copy rate (trainium3_arch.rst)
  a.hbm_bytes_per_ns = 612;  // 4.9 TB/s per chip / 8 cores
  return a;
}

const Arch kTrn1 = make_trn1();
const Arch kTrn2 = make_trn2();
const Arch kTrn3 = make_trn3();

}  // namespace

double Arch::peak_flops_per_ns(bool fp32, bool mx) const {
  // One 128-element moving column per cycle through a 128x128 array: 2 flop per PE per cycle.
  double bf16 = 2 * pe_rows * pe_cols * tensor_clock_ghz;
  if (mx) return 4 * bf16;  // each PE multiplies the 4 values of a packed MX element per cycle
  return fp32 ? bf16 / mm_fp32_factor : bf16;
}

std::vector<ArchValue> Arch::values() const {
  std::vector<ArchValue> out;
  out.push_back(
      {"nc_version", double(nc_version), "", "NeuronCore generation (2 = trn1, 3 = trn2, 4 = trn3)"});
  for (const Field& f : kFields) {
    double v = std::visit([this](auto m) { return double(this->*m); }, f.member);
    out.push_back({f.key, v, f.unit, f.description});
  }
  return out;
}

void Arch::set(const std::string& key, double value) {
  for (const Field& f : kFields) {
    if (key != f.key) continue;
    if (!std::isfinite(value) || value < 0)
      throw UserError(fmt::format("--arch-set {}: the value must be a finite number >= 0", key));
    if (auto* m = std::get_if<int64_t Arch::*>(&f.member)) {
      if (value != std::floor(value))
        throw UserError(fmt::format("--arch-set {}: the value must be an integer", key));
      this->*(*m) = int64_t(value);
    } else {
      this->*std::get<double Arch::*>(f.member) = value;
    }
    return;
  }
  throw UserError("--arch-set: unknown key '" + key + "' (`nki arch` lists the keys)");
}

const Arch& get_arch(std::string_view name) {
  if (name == "trn1" || name == "gen2" || name == "inf2") return kTrn1;
  if (name == "trn2" || name == "gen3") return kTrn2;
  if (name == "trn3" || name == "gen4") return kTrn3;
  throw UserError("unknown target '" + std::string(name) + "' (known targets: trn1, trn2, trn3)");
}

std::vector<std::string> known_targets() {
  return {"trn1", "trn2", "trn3"};
}

Arch with_overrides(const Arch& base, const std::vector<std::string>& sets) {
  Arch a = base;
  for (const auto& s : sets) {
    size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UserError("--arch-set: expected KEY=VALUE, got '" + s + "'");
    std::string key = s.substr(0, eq), text = s.substr(eq + 1);
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0')
      throw UserError("--arch-set " + key + ": '" + text + "' is not a number");
    a.set(key, v);
  }
  return a;
}

}  // namespace nki

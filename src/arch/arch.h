// Architecture configurations (trn1, trn2, trn3) as data. No number of the hardware is written
// inside an engine's code: passes, the simulator and the timing model read them from here. Each
// value has a unit and a one-line description, printed by `nki arch`; `--arch-set KEY=VALUE`
// overrides any of them by key (with_overrides).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nki {

struct ArchValue {
  std::string key;  // "sbuf_partition_bytes"
  double value;
  std::string unit;         // "bytes", "GHz", "ns", ...
  std::string description;  // one line
};

struct Arch {
  std::string name;    // "trn2"
  int nc_version = 3;  // NeuronCore generation: 2 (trn1), 3 (trn2), 4 (trn3)

  // Memories and tile limits.
  int64_t num_partitions = 128;
  int64_t sbuf_partition_bytes = 0;  // physical bytes per SBUF partition
  int64_t sbuf_usable_bytes = 0;     // bytes per partition available to a kernel
  int64_t psum_partition_bytes = 0;  // bytes per PSUM partition
  int64_t psum_bank_bytes = 0;       // bytes per PSUM bank per partition
  int64_t psum_num_banks = 0;
  int64_t gemm_stationary_fmax = 0;  // max free size of the matmul stationary operand
  int64_t gemm_moving_fmax = 0;      // max free size of the matmul moving operand
  int64_t bn_stats_fmax = 0;
  int64_t psum_min_align = 0;  // bytes
  int64_t sbuf_min_align = 0;  // bytes

  // Engine clocks (GHz).
  double tensor_clock_ghz = 0, vector_clock_ghz = 0, scalar_clock_ghz = 0, gpsimd_clock_ghz = 0;

  // Tensor Engine cost formula (cycles of the Tensor clock).
  double pe_rows = 128, pe_cols = 128;
  double mm_min_cycles = 0;         // MM initiation interval floor: max(N_moving, this)
  double mm_fp32_factor = 0;        // fp32 matmul cost multiplier
  double ls_speedup = 0;            // LoadStationary is this much faster than an MM of the same free size
  double transpose_min_cycles = 0;  // PE transpose: max(P, min(this, F))
  double tensor_warmup_ns = 0;      // dI/dt throttle: time at reduced rate after start or an idle gap
  double tensor_warmup_rate = 1;    // rate during warm-up (1 = no throttling)
  double tensor_idle_reset_ns = 0;  // idle gap that re-engages the throttle

  // Vector / Scalar / GpSimd cost formulas (cycles of the engine's clock).
  double vector_min_ii = 0;           // pipelined initiation interval floor (MIN_II)
  double vector_bf16_speedup = 1;     // performance mode for 16-bit SBUF copies / tensor_scalar
  double vector_bf16_tt_speedup = 1;  // performance mode for 16-bit SBUF tensor_tensor
  double vector_latency_cycles = 0;   // result latency beyond the II, seen by dependents
  double scalar_min_ii = 0;
  double scalar_latency_cycles = 0;
  double scalar_bf16_speedup = 1;
  double act_table_load_ns = 0;    // activation table load when the function changes
  double gpsimd_start_cycles = 0;  // fixed start cost of a GpSimd instruction
  // The per-class constants of the CostClass formulas (ops.h, sim/timing/cost.cpp): passes per
  // element (cycles per element of the largest operand's free size) and the GpSimd formulas.
  double stream2_passes = 0;             // Stream2: two streamed inputs
  double half_stream_passes = 0;         // HalfStream: sequence_bounds
  double quarter_stream_passes = 0;      // QuarterStream: trn3 quantize_mx and exponential
  double reciprocal_passes = 0;          // Reciprocal
  double bn_aggr_passes = 0;             // BnAggr
  double topk_cycles_per_element = 0;    // Topk: start + this * n + k
  double local_gather_index_cycles = 0;  // LocalGather: per-index overhead (the 28 of its formula)
  double local_gather_elem_cycles = 0;   // LocalGather: t, cycles per element of an index
  double semaphore_latency_ns = 0;       // cross-engine wait: producer done -> consumer may start

  // DMA.
  double dma_engines = 0;  // DMA engines per core (a transfer spreads over them)
  double dma_partitions_per_engine = 0;
  double dma_queues = 0;               // DMA queues the kernel's transfers are spread over
  double dma_engine_bytes_per_ns = 0;  // one engine's streaming rate
  double hbm_bytes_per_ns = 0;         // per-core HBM bandwidth cap
  double dma_fixed_ns = 0;             // trigger-to-start latency of one transfer (overlaps other queues)
  double dma_engine_stagger_ns = 0;    // issue delay between the engines of one transfer
  // DMA instruction variants: descriptor generation, transposing and computing DMAs.
  double dma_hwdge_ns = 0;            // trigger-to-start of a dge_mode=hwdge transfer (replaces dma_fixed_ns)
  double dma_transpose_hbm_eff = 1;   // dma_transpose throughput vs a copy, HBM source
  double dma_transpose_sbuf_eff = 1;  // dma_transpose throughput vs a copy, SBUF source
  double dma_compute_eff = 1;         // dma_compute (read-add-write) throughput vs a copy
  // Efficiency of a transfer by contiguous bytes per partition row (1 = engine peak), at
  // 64, 128, 256, 512, 1024, 2048 and >= 4096 bytes; interpolated in log2(bytes).
  double dma_eff_64 = 1, dma_eff_128 = 1, dma_eff_256 = 1, dma_eff_512 = 1, dma_eff_1k = 1, dma_eff_2k = 1,
         dma_eff_4k = 1;

  // Peak dense Tensor Engine rate for MFU, derived from the clock and PE array (flop / ns); with
  // mx, the trn3 MX rate (nc_matmul_mx: 4 packed values per PE per cycle).
  double peak_flops_per_ns(bool fp32, bool mx = false) const;

  // Every value above with its unit and description, in print order.
  std::vector<ArchValue> values() const;
  // Sets value `key` (a name from values()); throws UserError for an unknown key or a bad value.
  void set(const std::string& key, double value);
};

// The configuration for "trn1", "trn2" or "trn3" (also "gen2", "gen3", "gen4").
// Throws UserError listing the known targets for anything else.
const Arch& get_arch(std::string_view name);
std::vector<std::string> known_targets();
// A copy of `base` with `sets` ("KEY=VALUE" each) applied, as `--arch-set` does.
Arch with_overrides(const Arch& base, const std::vector<std::string>& sets);

}  // namespace nki

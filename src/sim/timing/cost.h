// Per-instruction cost formulas of the timing model (hw-model.md §5, §11), parameterized only by
// the Arch config. Pure functions of an instruction, its engine's state and the config, so unit
// tests can check each formula alone. Opcodes are classified by engine and by name, so an opcode
// added to ops.def gets its engine's default formula until it is given its own.
#pragma once

#include <optional>
#include <string>

#include "arch/arch.h"
#include "ir/instruction.h"

namespace nki::timing {

// A compute instruction's cost: how long it occupies its engine (the initiation interval before
// the engine can start the next one) and when its result is visible to dependents.
struct Cost {
  double busy_ns = 0;     // engine occupancy
  double latency_ns = 0;  // start -> result visible (>= busy_ns)
  double cycles = 0;      // busy time in the engine's own cycles (for reports)
};

// State an engine carries between instructions that changes costs.
struct EngineState {
  // Tensor Engine: the stationary operand loaded in the array, and the previous matmul's cycles
  // (a LoadStationary runs in the background of the previous matmul).
  const Storage* stationary = nullptr;
  int64_t stationary_offset = -1;
  double prev_mm_cycles = 0;
  // Scalar Engine: the activation function whose table is loaded (none yet: nullopt).
  std::optional<ActFn> act_table;
};

// Cycles of an nc_matmul (MultiplyMoving, plus a LoadStationary not hidden by the previous one).
double matmul_cycles(const Instruction& inst, const Arch& arch, EngineState& st);
// The part of the 128x128 PE array an instruction occupies, as masks of 32-row and 32-column
// quadrants: a tiled nc_matmul (tile_position/tile_size) its tile, anything else the whole array.
// Tensor Engine instructions on disjoint regions run concurrently (nki-api.md §7.3).
struct PeRegion {
  static constexpr int kQuadrants = 4;
  uint32_t rows = 0xF, cols = 0xF;
};
PeRegion pe_region(const Instruction& inst, const Arch& arch);
// Cost of any compute-engine instruction on inst.engine (Tensor, Vector, Scalar, GpSimd, Sync).
// Updates `st` (loaded stationary, activation table). Table loads are included in busy_ns.
Cost compute_cost(const Instruction& inst, const Arch& arch, EngineState& st);

// A DMA transfer's shape as the DMA engines see it.
struct DmaShape {
  int64_t bytes = 0;      // bytes moved (the larger of the source and destination sizes)
  int64_t row_bytes = 0;  // contiguous bytes per descriptor (partition row / HBM run)
  int64_t engines = 1;    // DMA engines the transfer spreads over
  bool touches_hbm = false;
  double rate = 1;  // throughput relative to a copy (dma_transpose, dma_compute)
};
DmaShape dma_shape(const Instruction& inst, const Arch& arch);
// Efficiency at `row_bytes` contiguous bytes per row (the config's curve, log2-interpolated).
double dma_efficiency(int64_t row_bytes, const Arch& arch);
// Time each of the transfer's engines streams its share of the bytes.
double dma_engine_ns(const DmaShape& d, const Arch& arch);
// Time a transfer alone on idle engines takes once started (no fixed latency): its engines start
// `dma_engine_stagger_ns` apart, each streams for dma_engine_ns.
double dma_transfer_ns(const DmaShape& d, const Arch& arch);
// Clock of an engine in GHz.
double engine_clock_ghz(Engine e, const Arch& arch);

}  // namespace nki::timing

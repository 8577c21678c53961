// Helpers shared by the instruction semantics: operand shapes as [partitions, elements per
// partition], scalar operands (immediate or [P,1] tile), attribute lookups that fail as user
// errors. Errors thrown here carry no location; the dispatcher adds the instruction's.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "sim/alu.h"
#include "sim/machine.h"

namespace nki::sim {

// The partition count of a pattern (its first dim; 1 for a scalar pattern).
int64_t partitions_of(const AccessPattern& ap);

// Elements per partition of `size` elements over `parts` partitions (0 for none).
inline int64_t per_partition(size_t size, int64_t parts) {
  return parts > 0 ? static_cast<int64_t>(size) / parts : 0;
}

// The per-partition loop: fn(p, row) for each partition p of the row-major values `v` of `parts`
// partitions, row being partition p's elements.
template <typename T, typename Fn>
void for_each_row(std::vector<T>& v, int64_t parts, Fn&& fn) {
  const int64_t per = per_partition(v.size(), parts);
  for (int64_t p = 0; p < parts; ++p) fn(p, std::span<T>(v.data() + p * per, static_cast<size_t>(per)));
}

// An operand that is absent, an immediate, or a per-partition [P,1] tile.
struct ScalarOperand {
  float imm = 0.0f;
  std::vector<float> per_partition;  // empty: use imm for every partition
  float at(int64_t p) const { return per_partition.empty() ? imm : per_partition[p]; }
};

// Reads operand `index` of `inst` for a data operand of `partitions` partitions; `absent` is
// the value of a missing optional operand. A tile must hold one element per partition.
ScalarOperand read_scalar_operand(Machine& m, const Instruction& inst, int index, int64_t partitions,
                                  float absent);

// The integer counterpart for the bit-vector operators: immediates become 32-bit words (integral
// values; two's complement for negatives), tiles are read as raw integer words.
struct BitsOperand {
  uint32_t imm = 0;
  std::vector<uint32_t> per_partition;
  uint32_t at(int64_t p) const { return per_partition.empty() ? imm : per_partition[p]; }
};
BitsOperand read_bits_operand(Machine& m, const Instruction& inst, int index, int64_t partitions);

// What a reduce_cmd asks of the engine's per-partition accumulator registers: start them afresh
// (reset, reset_reduce: at the reduction's identity), fold this instruction's values in (reduce,
// reset_reduce, load_reduce), or start from a loaded value (load_reduce). idle does none.
struct Accumulate {
  bool reset = false, reduce = false, load = false;
  explicit Accumulate(ReduceCmd c)
      : reset(c == ReduceCmd::Reset || c == ReduceCmd::ResetReduce),
        reduce(c == ReduceCmd::Reduce || c == ReduceCmd::ResetReduce || c == ReduceCmd::LoadReduce),
        load(c == ReduceCmd::LoadReduce) {}
};

// UserError unless `a` and `b` have the same element count.
void check_same_size(const Walk& a, const char* a_role, const Walk& b, const char* b_role);

// Element-wise copy from `src` to `dst`: raw bytes when the dtypes match, else through fp32.
void copy_elements(Machine& m, const Walk& dst, const Walk& src);

// The max-reducing selections (select_reduce, range_select): per reduce_cmd (reset/reset_reduce
// start the Vector accumulators of lanes lane0.. at -inf; reduce/reset_reduce fold in `values`,
// row-major, values.size()/parts per lane; idle leaves them), then the registers are written to
// operand `res` when the instruction has it.
void select_accumulate(Machine& m, const Instruction& inst, int res, int64_t lane0, int64_t parts,
                       const std::vector<float>& values);

// Writes one value per partition (values[0..parts)) to the instruction's reduce_res operand
// `index` when it has one there; a reduce_res of another size is a UserError.
void write_reduce_res(Machine& m, const Instruction& inst, size_t index, int64_t parts, const float* values);

// The PSUM write of a matmul's fp32 product `c` (nc_matmul, nc_matmul_mx) per the accumulate
// attribute: "false" overwrites, "true" adds onto dst, "auto" adds onto the words written since
// dst's storage was allocated. `c` is consumed.
void write_matmul_result(Machine& m, const Instruction& inst, const Walk& dst, std::vector<float>& c);

// The simulator's random numbers (dropout): draw `index` of the stream of `seed` as an fp32 in
// [0, 1), the top 24 bits of SplitMix64's output for state seed + (index + 1) * 0x9E3779B97F4A7C15,
// times 2^-24. Counter-based, so a draw depends only on (seed, index); Machine::take_draws hands
// out the indices of a run in program order. How the hardware's XORWOW generators are seeded
// and consumed is not documented, so this stream is deterministic but not the device's.
float random_unit(uint64_t seed, uint64_t index);

}  // namespace nki::sim

namespace nki::sim {

// A compile-time [[step, num], ...] pattern attribute as printed ("[[1,64],[0,2]]").
std::vector<std::pair<int64_t, int64_t>> pattern_attr(const Instruction& inst, const char* attr);
// The values of iota / affine_select's generator for `parts` partitions, row-major.
std::vector<int64_t> affine_values(const Instruction& inst, int64_t parts);

}  // namespace nki::sim

namespace nki::sim {

// The order of the sort-like instructions (max8, topk): whether value `a` at index `ia` ranks
// above `b` at `ib`. Larger fp32 values rank higher; NaN ranks above every number, as the
// engines' maximum propagates NaN; equal values (+0 and -0 included) rank by lower index. The
// NKI documentation does not say how the hardware breaks ties or orders NaN.
bool ranks_above(float a, int64_t ia, float b, int64_t ib);

}  // namespace nki::sim

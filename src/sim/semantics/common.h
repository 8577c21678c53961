// Helpers shared by the instruction semantics: operand shapes as [partitions, elements per
// partition], scalar operands (immediate or [P,1] tile), attribute lookups that fail as user
// errors. Errors thrown here carry no location; the dispatcher adds the instruction's.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/alu.h"
#include "sim/machine.h"

namespace nki::sim {

// The partition count of a pattern (its first dim; 1 for a scalar pattern).
int64_t partitions_of(const AccessPattern& ap);

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

// The ALU operator named by string attribute `attr`; UserError when unknown.
AluOp alu_op_attr(const Instruction& inst, const char* attr);

// The string attribute `attr`, or `fallback` when absent.
std::string str_attr(const Instruction& inst, const char* attr, const std::string& fallback);

// Optional bool attribute (absent = false).
bool flag_attr(const Instruction& inst, const char* attr);

// UserError unless `a` and `b` have the same element count.
void check_same_size(const Walk& a, const char* a_role, const Walk& b, const char* b_role);

// Element-wise copy from `src` to `dst`: raw bytes when the dtypes match, else through fp32.
void copy_elements(Machine& m, const Walk& dst, const Walk& src);

}  // namespace nki::sim

namespace nki::sim {

// Every integer of a list attribute as printed ("[0,1,255]"), in order.
std::vector<int64_t> int_list_attr(const Instruction& inst, const char* attr);
// A compile-time [[step, num], ...] pattern attribute as printed ("[[1,64],[0,2]]").
std::vector<std::pair<int64_t, int64_t>> pattern_attr(const Instruction& inst, const char* attr);
// Integer attribute with a default.
int64_t int_attr(const Instruction& inst, const char* attr, int64_t fallback);
double float_attr(const Instruction& inst, const char* attr, double fallback);
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

// The verifier's shared vocabulary: a Checker for one instruction, with the generic operand rules
// (buffers, partitions, start partitions, matching tiles) and one check_* method per instruction
// family, implemented in verify.cpp (generic, Tensor Engine, data movement) and verify_*.cpp.
// Every message names the instruction and the rule: fail("...") reports "<op>: ..." at the
// instruction's kernel line.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <tuple>
#include <string>
#include <vector>

#include "passes/passes.h"
#include "support/diagnostics.h"
#include "support/shape.h"

namespace nki::verifier {

std::string name_of(const Operand& o);

struct Checker {
  const Instruction& inst;
  const Arch& arch;
  std::string op = std::string(op_name(inst.op));

  [[noreturn]] void fail(const std::string& msg) const { fail_at(inst, op + ": " + msg); }
  // Operand i, or an absent operand when the instruction has fewer.
  const Operand& operand(size_t i) const;
  bool has(size_t i) const { return i < inst.operands.size() && !inst.operands[i].is_none(); }
  bool is_tensor(size_t i) const { return i < inst.operands.size() && inst.operands[i].is_tensor(); }
  const std::string& role(size_t i) const { return op_info(inst.op).operands[i].name; }
  Buffer buffer(size_t i) const { return operand(i).ap.storage->buffer; }
  DType dtype(size_t i) const { return operand(i).ap.dtype; }
  // An ALU operator attribute, its default when absent; nullopt when absent with no default.
  std::optional<AluOp> alu_attr(const char* name) const;
  std::string cmd_name() const;  // the reduce_cmd's name


  void check_operand(size_t i) const;
  void check_packed_mx() const;
  void check_exponential() const;   // verify_mx.cpp
  void check_quantize_mx() const;
  void check_nc_matmul_mx() const;
  void mx_scale_tile(size_t scale, int64_t partitions, int64_t columns, const char* of) const;
  void same_tile(size_t a, size_t b) const;
  void scalar_operand(size_t i, size_t data) const;
  // A [P,1] tensor matching `data`'s partitions (accumulator read-outs such as reduce_res).
  void vector_operand(size_t i, size_t data) const;
  // The two operands are not both in PSUM.
  void not_both_psum(size_t a, size_t b) const;
  // The engine is one of `engines` (ENG_* mask), else fail naming `why`.
  void engine_in(uint32_t engines, const std::string& why) const;
  void integer_dtypes(std::initializer_list<size_t> ops, const std::string& why) const;

  void check() const;
  // verify_dma.cpp: dynamic addressing (any operand) and the DMA descriptor-generation modes.
  void check_dynamic(size_t i) const;
  void check_dma_modes() const;
  void vector_offsets_one_per_row() const;
  void check_dma_transpose() const;
  void check_dma_compute() const;
  void check_matmul() const;
  // verify_spmd.cpp: sendrecv and core_barrier (LNC2).
  void check_sendrecv() const;
  void check_collective() const;  // ncc.all_reduce / all_gather
  void check_core_barrier() const;
  void check_transpose() const;
  // verify_alu.cpp: ALU operator classes, activation and its accumulators.
  void check_tensor_tensor() const;
  void check_tensor_scalar() const;
  void check_activation() const;
  void check_tensor_copy() const;
  // verify_vector.cpp: reductions, scans, selections, statistics, generators.
  void check_tensor_reduce() const;
  void check_scalar_tensor_tensor() const;
  void check_tensor_tensor_scan() const;
  void check_affine(size_t dst) const;  // iota / affine_select pattern vs dst
  void check_tensor_copy_predicated() const;
  void check_tensor_scalar_reduce() const;
  void check_tensor_partition_reduce() const;
  void check_bn_stats() const;
  void check_bn_aggr() const;
  // verify_select.cpp: the remaining selection, scan and random instructions.
  void check_tensor_scalar_cumulative() const;
  void check_select_reduce() const;
  void check_range_select() const;
  void check_dropout() const;
  void check_sequence_bounds() const;
  // verify_gather.cpp: gather, sort-like and random-number instructions, and their vocabulary.
  void needs_generation(int version) const;  // arch.nc_version >= version
  void dtype_in(size_t i, std::initializer_list<DType> allowed) const;
  void same_partitions(size_t a, size_t b) const;
  void elems_per_partition(size_t i, int64_t n, const std::string& why) const;
  void search_width(size_t i) const;  // 8 to 16384 elements per partition (max8, nc_find_index8)
  void check_max8() const;
  void check_nc_find_index8() const;
  void check_nc_match_replace8() const;
  void check_nc_stream_shuffle() const;
  void check_local_gather() const;
  void check_nc_n_gather() const;
  void check_nonzero_with_count() const;
  void check_topk() const;
  void check_random() const;  // rng, rand2, set_rng_seed, rand_set_state, rand_get_state
  // Each ALU attribute named is an arithmetic (not bit-vector) operator.
  void arithmetic_ops(std::initializer_list<const char*> attrs) const;
};

}  // namespace nki::verifier

// The verifier's shared vocabulary: a Checker for one instruction, with the generic operand rules
// (buffers, partitions, start partitions, matching tiles) and one check_<name> method per
// instruction, implemented in verify.cpp and verify_*.cpp.
// Every message names the instruction and the rule: fail("...") reports "<op>: ..." at the
// instruction's kernel line.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
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

  // The rules of the instruction: the generic operand checks, then its own check_<name>.
  void check() const;
  // One rule per ops.def instruction, dispatched by opcode like the simulator's exec_<name>
  // (a new ops.def entry needs its check_<name> to link; one without rules of its own is empty).
  // verify.cpp: the generic and Tensor Engine rules, the pseudo and sequencer instructions;
  // verify_alu.cpp: the ALU instructions and activation; verify_vector.cpp: reductions, scans,
  // statistics, generators; verify_select.cpp: selections and scans; verify_gather.cpp: gather,
  // sort-like and random-number instructions; verify_dma.cpp: DMA; verify_spmd.cpp: sendrecv,
  // core_barrier and the collectives; verify_mx.cpp: the trn3 MX instructions.
#define OP(name, engines, operands, attrs, cost, summary) void check_##name() const;
#include "ir/ops.def"
#undef OP

  // verify_dma.cpp: dynamic addressing (any operand) and the DMA descriptor-generation modes.
  void check_dynamic(size_t i) const;
  void check_dma_modes() const;
  void vector_offsets_one_per_row() const;
  void check_affine(size_t dst) const;  // iota / affine_select pattern vs dst (verify_vector.cpp)
  // verify_gather.cpp: the vocabulary of the gather, sort-like and random-number rules.
  void needs_generation(int version) const;  // arch.nc_version >= version
  void dtype_in(size_t i, std::initializer_list<DType> allowed) const;
  void same_partitions(size_t a, size_t b) const;
  void elems_per_partition(size_t i, int64_t n, const std::string& why) const;
  void search_width(size_t i) const;  // 8 to 16384 elements per partition (max8, nc_find_index8)
  void generator_state() const;       // rand_set_state / rand_get_state's state tile
  // Each ALU attribute named is an arithmetic (not bit-vector) operator.
  void arithmetic_ops(std::initializer_list<const char*> attrs) const;
};

}  // namespace nki::verifier

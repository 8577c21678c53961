// Shared vocabulary of the nki.isa builtins (module_isa.cpp and isa_*.cpp): argument conversion
// with Python-style errors naming the function and argument, operator and enum arguments, and
// finish() for the engine=/name= arguments every instruction takes. Hardware rules are not
// checked here but in the verify pass, which sees every instruction the same way.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "lang/interp.h"

namespace nki::lang::isa {

using Define = std::function<void(const std::string&, BuiltinFn)>;

// The operator name of an op= value such as nl.add ("add").
std::string op_value(Interp& in, const ArgBinder& b, const std::string& arg);
// An ALU operator argument (nki-api.md §8.1); "" when optional and absent/None.
std::string alu_op(Interp& in, const ArgBinder& b, const std::string& arg);
std::string optional_alu_op(Interp& in, const ArgBinder& b, const std::string& arg);
// A tensor argument as an operand.
Operand tensor_operand(Interp& in, const ArgBinder& b, const std::string& arg);
// An optional tensor argument (none when absent or None).
Operand optional_tensor(Interp& in, const ArgBinder& b, const std::string& arg);
// A number-or-tensor operand (scalars, [P,1] tiles); none when absent or None.
Operand scalar_or_tensor(Interp& in, const ArgBinder& b, const std::string& arg);
// A number-or-[P,1]-tensor argument that must be given (not None).
Operand required_scalar(Interp& in, const ArgBinder& b, const std::string& arg);
// An activation function argument (nki-api.md §8.2), by name.
std::string activation_fn(Interp& in, const ArgBinder& b, const std::string& arg);
bool flag(Interp& in, const ArgBinder& b, const std::string& arg);
// The member name of an enum argument of the given nisa enum type, or "" if absent/None.
std::string enum_arg(Interp& in, const ArgBinder& b, const std::string& arg, const std::string& type);
// A compile-time integer / float argument with a default.
int64_t int_arg(Interp& in, const ArgBinder& b, const std::string& arg, int64_t fallback);
double float_arg(Interp& in, const ArgBinder& b, const std::string& arg, double fallback);
// A list of [step, num] pairs (iota / affine_select patterns) as a flat [step0, num0, step1, ...].
std::vector<int64_t> pattern_arg(Interp& in, const ArgBinder& b, const std::string& arg);
// Fails unless the argument is absent or at its neutral value (False, None, (), enum none/idle).
void reject_unsupported(Interp& in, const ArgBinder& b, const std::string& arg, const char* why);
// oob_mode= / dge_mode= / engine= (the DGE trigger engine) of the DMA instructions as attributes.
void dma_modes(Interp& in, const ArgBinder& b, Instruction& inst, bool has_engine);
// Sets the operands of `inst` by role name (roles not named stay absent); a role ops.def does not
// declare for the opcode is nki's bug (InternalError).
void bind_operands(Instruction& inst, std::initializer_list<std::pair<std::string_view, Operand>> operands);
// Applies engine= (when the instruction takes it) and name=, and returns the instruction handle.
Value finish(Interp& in, const ArgBinder& b, Instruction& inst, bool has_engine);

// An enum of nki.isa (engine, dma_engine, ...): a class-like object whose members have name and value.
Value make_enum(const std::string& type, const std::vector<std::pair<std::string, int>>& members);

// nc_matmul / nc_matmul_mx arguments: tile_position and tile_size (both or neither, two ints
// each; empty when absent), recorded as attributes tile_row/tile_col/tile_rows/tile_cols; and
// accumulate= (True/False/None) as "true"/"false"/"auto".
struct MatmulTiling {
  std::vector<int64_t> position, size;
};
MatmulTiling matmul_tiling(Interp& in, const ArgBinder& b);
void set_matmul_tiling(Instruction& inst, const MatmulTiling& t);
std::string matmul_accumulate(Interp& in, const ArgBinder& b);

// nisa.<op>(params...) built from ops.def alone (isa_table.cpp): each parameter ("x" positional,
// "x=" keyword with a default) is the operand role or attribute of that name, plus "engine=" and
// "name="; operands take tensors (numbers too where ops.def says imm), attributes convert by their
// type. nki stops with an InternalError at start-up when the parameters and ops.def disagree.
void define_from_table(const Define& def, Opcode op, std::vector<std::string> params);
// The instructions built so (isa_table.cpp): one line each, with the NKI signature.
void define_table_instructions(const Define& def);

// The instruction families (isa_*.cpp).
void define_vector_instructions(const Define& def);
void define_selection_instructions(const Define& def);  // isa_select.cpp
void define_gather_instructions(const Define& def);     // isa_gather.cpp
// sendrecv, core_barrier and the dma_engine enum (isa_spmd.cpp).
void define_spmd_instructions(const Define& def, std::unordered_map<std::string, Value>& attrs);
void define_dma_instructions(const Define& def);  // isa_dma.cpp
void define_mx_instructions(const Define& def);   // isa_mx.cpp (trn3: exponential, quantize_mx)

}  // namespace nki::lang::isa

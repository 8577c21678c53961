// Shared vocabulary of the nki.language convenience operations (language_ops.cpp,
// language_math.cpp, language_reduce.cpp, language_misc.cpp): argument conversion with errors
// naming the nl function, fresh result and scratch tiles, and instruction emission. Each nl
// operation allocates its result and expands into nki.isa instructions; the simulator only ever
// runs ISA instructions.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "lang/interp.h"
#include "support/shape.h"

namespace nki::lang::nlops {

// "(128, 512)"
inline std::string tuple_str(const std::vector<int64_t>& shape) {
  return shape_str(shape, ShapeForm::Tuple);
}
inline std::string tuple_str(const AccessPattern& ap) {
  return tuple_str(ap.shape());
}
// The `dtype=` argument, or `fallback`.
DType dtype_arg(Interp& in, const ArgBinder& b, DType fallback);
// An on-chip tensor operand (SBUF or PSUM) for a compute operation.
const AccessPattern& on_chip_arg(Interp& in, const ArgBinder& b, const std::string& name);
// The result tile of nl.<op>: named after the variable being assigned (or the operation).
AccessPattern new_tile(Interp& in, const std::string& op, const std::vector<int64_t>& shape, DType dtype,
                       Buffer buffer, SourceLoc loc);
// An intermediate tile of an expansion, named `name` (never after the assigned variable).
AccessPattern temp_tile(Interp& in, const std::string& name, const std::vector<int64_t>& shape, DType dtype,
                        SourceLoc loc, Buffer buffer = Buffer::Sbuf);
Value tensor_value(const AccessPattern& ap);
Instruction& emit(Interp& in, Opcode op, SourceLoc loc, std::vector<Operand> operands);
// dst = value, every element (memset).
void fill(Interp& in, const AccessPattern& t, double value, SourceLoc loc);
// dst = (data <op0> operand0) [<op1> operand1] (tensor_scalar; operands immediates or [P,1] tiles).
Instruction& emit_tensor_scalar(Interp& in, SourceLoc loc, const AccessPattern& dst,
                                const AccessPattern& data, const std::string& op0, Operand operand0,
                                const std::string& op1 = "", Operand operand1 = Operand::none());
// dst = data1 <op> data2 (tensor_tensor).
Instruction& emit_tensor_tensor(Interp& in, SourceLoc loc, const AccessPattern& dst,
                                const AccessPattern& data1, const AccessPattern& data2,
                                const std::string& op);
// dst = fn(data * scale + bias) on the Scalar engine (bias none, an immediate or a [P,1] tile).
Instruction& emit_activation(Interp& in, SourceLoc loc, const AccessPattern& dst, const AccessPattern& data,
                             const std::string& fn, Operand bias = Operand::none(), double scale = 1.0);
// `ap` with its dims replaced by `shape`, where a size-1 dim of ap may become any size (step 0):
// a broadcast view for reading.
AccessPattern broadcast_view(const AccessPattern& ap, const std::vector<int64_t>& shape);
// `x` readable as `shape` (same rank; each dim equal or broadcast from 1): x itself, a broadcast
// view for free dims, and for a one-partition x a new SBUF tile with x on every partition (a
// Tensor engine matmul with a ones row). `fname`/`arg` name the operation and argument in errors.
AccessPattern broadcast_operand(Interp& in, SourceLoc loc, const AccessPattern& x,
                                const std::vector<int64_t>& shape, const std::string& fname,
                                const std::string& arg);

// The operation families, installed into the nl module by install_language_ops.
void install_language_math(Interp& in, std::unordered_map<std::string, Value>& attrs);
void install_language_reduce(Interp& in, std::unordered_map<std::string, Value>& attrs);
void install_language_misc(Interp& in, std::unordered_map<std::string, Value>& attrs);

}  // namespace nki::lang::nlops

// Opcodes and their static properties, generated from ops.def.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace nki {

enum class Engine : uint8_t { None = 0, Tensor, Vector, Scalar, GpSimd, Sync, Dma };
enum EngineMask : uint32_t {
  ENG_NONE = 0,
  ENG_TENSOR = 1u << static_cast<int>(Engine::Tensor),
  ENG_VECTOR = 1u << static_cast<int>(Engine::Vector),
  ENG_SCALAR = 1u << static_cast<int>(Engine::Scalar),
  ENG_GPSIMD = 1u << static_cast<int>(Engine::GpSimd),
  ENG_SYNC = 1u << static_cast<int>(Engine::Sync),
  ENG_DMA = 1u << static_cast<int>(Engine::Dma),
};

std::string_view engine_name(Engine e);  // "tensor", "vector", ...
std::optional<Engine> parse_engine(std::string_view name);

enum class Opcode : uint16_t {
#define OP(name, engines, operands, attrs, cost, summary) name,
#include "ir/ops.def"
#undef OP
};

// ALU operators (nki-api.md §8.1): the op=, op0=, op1= and reduce_op= values of the engines'
// arithmetic-logic units. The specializer accepts exactly the names of this table, the verifier
// checks operator classes against it, and the simulator implements every entry (sim/alu.h).
enum class AluOp : uint8_t {
  Bypass,
  Add,
  Subtract,
  Multiply,
  Divide,
  Maximum,
  Minimum,
  Power,
  Mod,
  Fmod,
  Equal,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  LogicalAnd,
  LogicalOr,
  LogicalXor,
  LogicalNot,
  AbsMax,
  AbsMin,
  Abs,
  Square,
  Relu,
  Rsqrt,
  Reciprocal,
  BitwiseAnd,
  BitwiseOr,
  BitwiseXor,
  Invert,
  LeftShift,
  RightShift,
  Average,
};

enum class AluKind : uint8_t {
  Arith,    // fp32 arithmetic (add, maximum, compare, logical, ...)
  Unary,    // fp32 arithmetic on the first operand only (abs, rsqrt, ...)
  Bitvec,   // raw integer bits (bitwise_*, invert, shifts)
  Special,  // bypass (pass the first operand), average (tensor_partition_reduce only)
};

struct AluOpInfo {
  AluOp op;
  std::string_view name;  // the NKI name (nl.<name>)
  AluKind kind;
  bool reducible;  // legal as a reduction operator (§8.1 "Legal reduction")
};

const std::vector<AluOpInfo>& all_alu_ops();
const AluOpInfo& alu_op_info(AluOp op);
// NKI names and the hardware spellings the IR text may use ("max", "mult", "is_equal", ...).
std::optional<AluOp> parse_alu_op(std::string_view name);
inline bool is_bitvec(AluOp op) {
  return alu_op_info(op).kind == AluKind::Bitvec;
}

// Scalar engine activation functions (nki-api.md §8.2).
enum class ActFn : uint8_t {
  Copy,
  Exp,
  Log,
  Tanh,
  Sigmoid,
  Relu,
  Square,
  Sqrt,
  Rsqrt,
  Reciprocal,
  Gelu,
  GeluDx,
  GeluApprxTanh,
  GeluApprxSigmoid,
  GeluApprxSigmoidDx,
  Silu,
  SiluDx,
  Abs,
  Sign,
  Sin,
  Arctan,
  Softplus,
  Mish,
  Erf,
  ErfDx,
  Prelu,
};

struct ActFnInfo {
  ActFn fn;
  std::string_view name;  // the NKI name (nl.<name>)
};

const std::vector<ActFnInfo>& all_act_fns();
// NKI names, plus "identity" for copy.
std::optional<ActFn> parse_act_fn(std::string_view name);
std::string_view act_fn_name(ActFn fn);

// The reduce_cmd of the engines' per-partition accumulator registers (nki.isa.reduce_cmd).
enum class ReduceCmd : uint8_t { Idle, Reset, Reduce, ResetReduce, LoadReduce };
std::string_view reduce_cmd_name(ReduceCmd cmd);  // "idle", "reset", "reduce", "reset_reduce", "load_reduce"
std::optional<ReduceCmd> parse_reduce_cmd(std::string_view name);

// Buffer kinds a memory operand may live in.
enum BufferMask : uint8_t { BUF_SBUF = 1, BUF_PSUM = 2, BUF_HBM = 4 };

struct OperandRole {
  std::string name;     // "dst", "data1", ...
  uint8_t buffers = 0;  // BufferMask bits
  bool optional = false;
  bool written = false;    // the instruction writes it ('>' in ops.def)
  bool immediate = false;  // it may be a number instead of a tensor ("imm" in ops.def)
};

// Attribute values: flags, integers, floats, text (lists, words), and the operators and commands
// ops.def types alu, act and cmd (set by name, stored parsed).
using AttrValue = std::variant<bool, int64_t, double, std::string, AluOp, ActFn, ReduceCmd>;

// The type of an attribute (ops.def's attributes column).
enum class AttrType : uint8_t { Bool, Int, Float, Number, Alu, Act, Cmd, Ints, Text, Words };

struct AttrSpec {
  std::string name;
  AttrType type = AttrType::Text;
  std::vector<std::string> words;          // Words: the allowed values
  bool required = false;                   // no default and not optional
  std::optional<AttrValue> default_value;  // what readers see when it is absent
  // `v` as this attribute stores it (a name of an alu, act or cmd parsed), or nullopt when it is
  // not one of its values.
  std::optional<AttrValue> accept(const AttrValue& v) const;
  std::string type_text() const;  // as ops.def spells it: "int", "alu", "error|skip"
};

// How the timing model prices an instruction (ops.def's cost column; the formulas are in
// sim/timing/cost.cpp, their constants Arch values). The Vector-family classes stream the largest
// operand's free size N at a number of passes per element: cycles = max(MIN_II, N * passes) on the
// Vector engine, start + N * passes on GpSimd; the Scalar engine streams at its own rate.
enum class CostClass : uint8_t {
  None,           // no engine time (alloc)
  Sequencer,      // one dispatch of the sequencer (gpsimd_start_cycles)
  Dma,            // a transfer over the DMA engines and queues at a copy's efficiency
  DmaTranspose,   // ... at dma_transpose_{hbm,sbuf}_eff of a copy
  DmaCompute,     // ... read-add-write at dma_compute_eff
  Matmul,         // the PE array: moving columns, LoadStationary, fp32 passes
  Transpose,      // PE transpose max(P, min(transpose_min_cycles, F)); Stream on the Vector engine
  Activation,     // Scalar: streaming, the op= function's table load, the reduce_res read-out
  Copy,           // 1 pass, vector_bf16_speedup faster on 16-bit SBUF operands
  Binary,         // 2 passes (1 with one operand in PSUM), vector_bf16_tt_speedup on 16-bit SBUF
  Fill,           // 1 pass, half a pass writing 16-bit zeros
  Reduce,         // 1 pass, half a pass on 16-bit SBUF
  Stream,         // 1 pass
  Stream2,        // two streamed inputs: stream2_passes
  HalfStream,     // half_stream_passes (N inputs write 2N outputs)
  QuarterStream,  // quarter_stream_passes (trn3's 4-wide quantize / exp)
  Reciprocal,     // reciprocal_passes (iterative)
  BnAggr,         // bn_aggr_passes
  Topk,           // GpSimd: start + topk_cycles_per_element * n + k
  LocalGather,    // GpSimd: the local_gather formula
};

struct OpInfo {
  Opcode opcode;
  std::string_view name;
  uint32_t engines;  // EngineMask bits
  std::vector<OperandRole> operands;
  std::vector<AttrSpec> attrs;  // in print order
  CostClass cost;
  std::string_view summary;
  const AttrSpec* attr(std::string_view name) const;  // null if `name` is not one of its attributes
};

namespace ops_detail {
inline constexpr std::string_view kOperandSpecs[] = {
#define OP(name, engines, operands, attrs, cost, summary) operands,
#include "ir/ops.def"
#undef OP
};
// The position of `role` in an operands column of ops.def, or npos.
constexpr size_t role_position(std::string_view spec, std::string_view role) {
  size_t index = 0;
  while (!spec.empty()) {
    const size_t end = std::min(spec.find(' '), spec.size());
    std::string_view word = spec.substr(0, end);
    spec.remove_prefix(std::min(end + 1, spec.size()));
    if (word.empty()) continue;
    if (word.front() == '>') word.remove_prefix(1);
    if (word.substr(0, word.find_first_of(":?")) == role) return index;
    ++index;
  }
  return std::string_view::npos;
}
}  // namespace ops_detail

// An instruction's operand roles by name, resolved when the code compiles:
//   constexpr Roles R(Opcode::nc_matmul);  ...  inst.operands[R("moving")]
// R("moving") is the index of the role in ops.def's operands column (Instruction::operands'
// order); a role the opcode does not declare does not compile.
struct Roles {
  Opcode op;
  explicit constexpr Roles(Opcode o) : op(o) {}
  consteval size_t operator()(std::string_view role) const {
    const size_t i = ops_detail::role_position(ops_detail::kOperandSpecs[static_cast<size_t>(op)], role);
    if (i == std::string_view::npos) throw "ops.def declares no operand of this role for the opcode";
    return i;
  }
};

const OpInfo& op_info(Opcode op);
std::string_view op_name(Opcode op);
std::optional<Opcode> parse_opcode(std::string_view name);
// Index of operand role `role` of `op`, or -1.
int operand_index(Opcode op, std::string_view role);
const std::vector<OpInfo>& all_ops();

}  // namespace nki

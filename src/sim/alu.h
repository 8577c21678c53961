// The engines' arithmetic: ALU operators (tensor_tensor op, tensor_scalar op0/op1, reductions)
// and the Scalar engine's activation functions. The operator and function tables themselves live
// in ir/ops.h; this file is their semantics.
//
// Two kinds of ALU arithmetic, as on the hardware:
//  - arithmetic operators: fp32 in, fp32 out (inputs are converted to fp32 on read, the result
//    rounded to the destination dtype on write);
//  - bit-vector operators (bitwise_*, invert, shifts): the raw integer bits. Each operand is
//    its integer value as a 32-bit two's complement word (signed dtypes sign-extend, unsigned
//    zero-extend); the result's low bits are stored into the destination's width, unchanged.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

#include "ir/ops.h"

namespace nki::sim {

namespace detail {
inline float nan_f() {
  return std::numeric_limits<float>::quiet_NaN();
}
}  // namespace detail

// a <op> b in fp32 for the arithmetic, unary and special operators (bypass returns a; average is
// a reduction only and here returns (a + b) / 2). max/min propagate NaN, as NumPy does, so
// poisoned reads stay visible. Comparisons and logical operators return 1.0 or 0.0.
// Out of line on purpose: inlined into the element loops of the instructions, its switch makes
// GCC unswitch those loops once per operator combination, and -O3 builds take tens of minutes.
float apply_alu(AluOp op, float a, float b);

// a <op> b on 32-bit words, for the bit-vector operators. Shifts by 32 or more give 0; the right
// shift is logical (NKI has no arithmetic right shift).
inline uint32_t apply_bitvec(AluOp op, uint32_t a, uint32_t b) {
  switch (op) {
    case AluOp::BitwiseAnd: return a & b;
    case AluOp::BitwiseOr: return a | b;
    case AluOp::BitwiseXor: return a ^ b;
    case AluOp::Invert: return ~a;
    case AluOp::LeftShift: return b >= 32 ? 0u : a << b;
    case AluOp::RightShift: return b >= 32 ? 0u : a >> b;
    default: return a;  // the verifier keeps arithmetic operators off the integer path
  }
}

// The value an fp32 accumulator starts from for reduction operator `op` (reset_reduce): 0 for
// add, subtract, logical_or and logical_xor; 1 for multiply and logical_and; -inf for maximum;
// +inf for minimum and abs_min; 0 otherwise (abs_max too).
float reduce_identity(AluOp op);

// fn(x) for an fp32 x. The hardware evaluates piecewise polynomials, whose last bits nobody
// outside AWS knows; the simulator's definition is the exact function evaluated in double by
// sim/fpmath (never the host's libm) and rounded once to fp32, which is the correctly rounded
// value but in rare cases, and the same on every machine (docs/numerics.md). copy, relu, square,
// abs and sign are exact; sqrt is IEEE sqrt, rsqrt 1/sqrt and reciprocal 1/x in fp32 operations.
// Inputs outside a function's documented range (nki-api.md §8.2) give unspecified results.
// relu_param is prelu's slope below 0 (activate2); the other functions ignore it.
float apply_act(ActFn f, float x, float relu_param = 0.0f);

}  // namespace nki::sim

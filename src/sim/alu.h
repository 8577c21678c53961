// The engines' arithmetic: ALU operators (tensor_tensor op, tensor_scalar op0/op1) and the
// Scalar engine's activation functions, by the names the specializer writes into attributes.
// Everything is fp32 in, fp32 out, as on the Vector/Scalar/GpSimd engines.
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <string_view>

namespace nki::sim {

enum class AluOp : uint8_t {
  Bypass, Add, Subtract, Multiply, Divide, Maximum, Minimum, Power, Mod,
  Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual,
  LogicalAnd, LogicalOr, LogicalXor, LogicalNot, AbsMax, AbsMin,
  // unary: the second operand is ignored
  Abs, Square, Relu, Rsqrt, Reciprocal,
  // bit-vector ops on the integer value of the operands (see apply_alu)
  BitwiseAnd, BitwiseOr, BitwiseXor, Invert, LeftShift, RightShift,
};

// "add", "subtract", ... (also the hardware spellings "max", "mult", "is_equal", ...).
std::optional<AluOp> parse_alu_op(std::string_view name);

namespace detail {
inline float nan_f() { return std::numeric_limits<float>::quiet_NaN(); }
// Bit-vector ops see the operands as integers. Values come in as fp32, so integers beyond 2^24
// are already rounded; exact raw-bit integer paths are future work.
inline int64_t as_int(float v) {
  if (!std::isfinite(v)) return 0;
  if (v >= 9.2e18f || v <= -9.2e18f) return 0;
  return static_cast<int64_t>(v);
}
}  // namespace detail

// a <op> b in fp32. max/min propagate NaN (as numpy does), so poisoned reads stay visible.
inline float apply_alu(AluOp op, float a, float b) {
  using detail::as_int;
  switch (op) {
    case AluOp::Bypass: return a;
    case AluOp::Add: return a + b;
    case AluOp::Subtract: return a - b;
    case AluOp::Multiply: return a * b;
    case AluOp::Divide: return a / b;
    case AluOp::Maximum: return std::isnan(a) || std::isnan(b) ? detail::nan_f() : (a > b ? a : b);
    case AluOp::Minimum: return std::isnan(a) || std::isnan(b) ? detail::nan_f() : (a < b ? a : b);
    case AluOp::Power: return std::pow(a, b);
    case AluOp::Mod: {
      // Python/numpy semantics: the result takes the divisor's sign.
      float r = std::fmod(a, b);
      if (r != 0 && ((r < 0) != (b < 0))) r += b;
      return r;
    }
    case AluOp::Equal: return a == b ? 1.0f : 0.0f;
    case AluOp::NotEqual: return a != b ? 1.0f : 0.0f;
    case AluOp::Less: return a < b ? 1.0f : 0.0f;
    case AluOp::LessEqual: return a <= b ? 1.0f : 0.0f;
    case AluOp::Greater: return a > b ? 1.0f : 0.0f;
    case AluOp::GreaterEqual: return a >= b ? 1.0f : 0.0f;
    case AluOp::LogicalAnd: return (a != 0 && b != 0) ? 1.0f : 0.0f;
    case AluOp::LogicalOr: return (a != 0 || b != 0) ? 1.0f : 0.0f;
    case AluOp::LogicalXor: return ((a != 0) != (b != 0)) ? 1.0f : 0.0f;
    case AluOp::LogicalNot: return a == 0 ? 1.0f : 0.0f;
    case AluOp::AbsMax: return std::fabs(a) > std::fabs(b) || std::isnan(a) ? std::fabs(a) : std::fabs(b);
    case AluOp::AbsMin: return std::fabs(a) < std::fabs(b) || std::isnan(a) ? std::fabs(a) : std::fabs(b);
    case AluOp::Abs: return std::fabs(a);
    case AluOp::Square: return a * a;
    case AluOp::Relu: return a < 0 ? 0.0f : a;
    case AluOp::Rsqrt: return 1.0f / std::sqrt(a);
    case AluOp::Reciprocal: return 1.0f / a;
    case AluOp::BitwiseAnd: return static_cast<float>(as_int(a) & as_int(b));
    case AluOp::BitwiseOr: return static_cast<float>(as_int(a) | as_int(b));
    case AluOp::BitwiseXor: return static_cast<float>(as_int(a) ^ as_int(b));
    case AluOp::Invert: return static_cast<float>(~as_int(a));
    case AluOp::LeftShift: {
      const int64_t s = as_int(b);
      return s < 0 || s > 31 ? 0.0f : static_cast<float>(static_cast<int64_t>(static_cast<uint32_t>(as_int(a)) << s));
    }
    case AluOp::RightShift: {
      // Logical shift of the 32-bit pattern.
      const int64_t s = as_int(b);
      return s < 0 || s > 31 ? 0.0f : static_cast<float>(static_cast<uint32_t>(as_int(a)) >> s);
    }
  }
  return detail::nan_f();
}

enum class ActFn : uint8_t {
  Copy, Exp, Log, Tanh, Sigmoid, Relu, Square, Sqrt, Rsqrt, Reciprocal, Gelu, GeluDx,
  GeluApprxTanh, GeluApprxSigmoid, Silu, SiluDx, Abs, Sign, Sin, Arctan, Softplus, Mish, Erf, ErfDx,
};

// "copy" (also "identity"), "exp", "tanh", "relu", "sigmoid", ...
std::optional<ActFn> parse_act_fn(std::string_view name);
// The function in fp32 libm math. Note: the hardware evaluates piecewise polynomials; those
// differ in the last bits and (sin) outside the documented input ranges.
float apply_act(ActFn f, float x);

}  // namespace nki::sim

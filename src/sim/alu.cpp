// The ALU operators, the reduction identities and the activation functions' math (the name tables
// are in ir/ops.cpp).
#include "sim/alu.h"

namespace nki::sim {

float apply_alu(AluOp op, float a, float b) {
  switch (op) {
    case AluOp::Bypass:
      return a;
    case AluOp::Add:
      return a + b;
    case AluOp::Subtract:
      return a - b;
    case AluOp::Multiply:
      return a * b;
    case AluOp::Divide:
      return a / b;
    case AluOp::Maximum:
      return std::isnan(a) || std::isnan(b) ? detail::nan_f() : (a > b ? a : b);
    case AluOp::Minimum:
      return std::isnan(a) || std::isnan(b) ? detail::nan_f() : (a < b ? a : b);
    case AluOp::Power:
      return std::pow(a, b);
    case AluOp::Mod: {
      // Python/NumPy semantics: the result takes the divisor's sign.
      float r = std::fmod(a, b);
      if (r != 0 && ((r < 0) != (b < 0))) r += b;
      return r;
    }
    case AluOp::Fmod:
      return std::fmod(a, b);  // C semantics: the dividend's sign
    case AluOp::Equal:
      return a == b ? 1.0f : 0.0f;
    case AluOp::NotEqual:
      return a != b ? 1.0f : 0.0f;
    case AluOp::Less:
      return a < b ? 1.0f : 0.0f;
    case AluOp::LessEqual:
      return a <= b ? 1.0f : 0.0f;
    case AluOp::Greater:
      return a > b ? 1.0f : 0.0f;
    case AluOp::GreaterEqual:
      return a >= b ? 1.0f : 0.0f;
    case AluOp::LogicalAnd:
      return (a != 0 && b != 0) ? 1.0f : 0.0f;
    case AluOp::LogicalOr:
      return (a != 0 || b != 0) ? 1.0f : 0.0f;
    case AluOp::LogicalXor:
      return ((a != 0) != (b != 0)) ? 1.0f : 0.0f;
    case AluOp::LogicalNot:
      return a == 0 ? 1.0f : 0.0f;
    // The signed value of larger / smaller magnitude; a tie gives b (nl.abs_max documentation).
    case AluOp::AbsMax:
      return std::isnan(a) || std::isnan(b) ? detail::nan_f() : (std::fabs(a) > std::fabs(b) ? a : b);
    case AluOp::AbsMin:
      return std::isnan(a) || std::isnan(b) ? detail::nan_f() : (std::fabs(a) < std::fabs(b) ? a : b);
    case AluOp::Abs:
      return std::fabs(a);
    case AluOp::Square:
      return a * a;
    case AluOp::Relu:
      return a < 0 ? 0.0f : a;
    case AluOp::Rsqrt:
      return 1.0f / std::sqrt(a);
    case AluOp::Reciprocal:
      return 1.0f / a;
    case AluOp::Average:
      return (a + b) * 0.5f;
    case AluOp::BitwiseAnd:
    case AluOp::BitwiseOr:
    case AluOp::BitwiseXor:
    case AluOp::Invert:
    case AluOp::LeftShift:
    case AluOp::RightShift:
      break;  // bit-vector operators never see fp32 values (see apply_bitvec)
  }
  return detail::nan_f();
}


float reduce_identity(AluOp op) {
  switch (op) {
    case AluOp::Multiply:
    case AluOp::LogicalAnd:
      return 1.0f;
    case AluOp::Maximum:
      return -std::numeric_limits<float>::infinity();
    case AluOp::Minimum:
      return std::numeric_limits<float>::infinity();
    default:
      return 0.0f;
  }
}

namespace {

float sigmoid(float x) {
  return 1.0f / (1.0f + std::exp(-x));
}

float softplus(float x) {
  // log1p(exp(x)) overflows for large x, where it equals x to fp32 precision.
  return x > 20.0f ? x : std::log1p(std::exp(x));
}

constexpr float kSqrt1_2 = 0.70710678118654752f;
constexpr float kInvSqrt2Pi = 0.39894228040143268f;  // 1/sqrt(2*pi)
constexpr float kSqrt2OverPi = 0.79788456080286536f;
constexpr float kTwoOverSqrtPi = 1.12837916709551257f;

}  // namespace

float apply_act(ActFn f, float x) {
  switch (f) {
    case ActFn::Copy:
      return x;
    case ActFn::Exp:
      return std::exp(x);
    case ActFn::Log:
      return std::log(x);
    case ActFn::Tanh:
      return std::tanh(x);
    case ActFn::Sigmoid:
      return sigmoid(x);
    case ActFn::Relu:
      return x < 0 ? 0.0f : x;
    case ActFn::Square:
      return x * x;
    case ActFn::Sqrt:
      return std::sqrt(x);
    case ActFn::Rsqrt:
      return 1.0f / std::sqrt(x);
    case ActFn::Reciprocal:
      return 1.0f / x;
    case ActFn::Gelu:
      return 0.5f * x * (1.0f + std::erf(x * kSqrt1_2));
    case ActFn::GeluDx:
      return 0.5f * (1.0f + std::erf(x * kSqrt1_2)) + x * kInvSqrt2Pi * std::exp(-0.5f * x * x);
    case ActFn::GeluApprxTanh:
      return 0.5f * x * (1.0f + std::tanh(kSqrt2OverPi * (x + 0.044715f * x * x * x)));
    case ActFn::GeluApprxSigmoid:
      return x * sigmoid(1.702f * x);
    case ActFn::GeluApprxSigmoidDx: {
      const float s = sigmoid(1.702f * x);
      return s + 1.702f * x * s * (1.0f - s);
    }
    case ActFn::Silu:
      return x * sigmoid(x);
    case ActFn::SiluDx: {
      const float s = sigmoid(x);
      return s * (1.0f + x * (1.0f - s));
    }
    case ActFn::Abs:
      return std::fabs(x);
    case ActFn::Sign:
      return std::isnan(x) ? x : (x > 0 ? 1.0f : (x < 0 ? -1.0f : 0.0f));
    case ActFn::Sin:
      return std::sin(x);
    case ActFn::Arctan:
      return std::atan(x);
    case ActFn::Softplus:
      return softplus(x);
    case ActFn::Mish:
      return x * std::tanh(softplus(x));
    case ActFn::Erf:
      return std::erf(x);
    case ActFn::ErfDx:
      return kTwoOverSqrtPi * std::exp(-x * x);
  }
  return x;
}

}  // namespace nki::sim

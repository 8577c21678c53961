// The ALU operators, the reduction identities and the activation functions' math (the name tables
// are in ir/ops.cpp). Transcendentals come from sim/fpmath (evaluated in double, rounded once to
// fp32), never from the host's libm, so the results are the same on every machine.
#include "sim/alu.h"

#include "sim/fpmath.h"

namespace nki::sim {

float apply_alu(AluOp op, float a, float b) {
  switch (op) {
    case AluOp::Bypass: return a;
    case AluOp::Add: return a + b;
    case AluOp::Subtract: return a - b;
    case AluOp::Multiply: return a * b;
    case AluOp::Divide: return a / b;
    case AluOp::Maximum: return std::isnan(a) || std::isnan(b) ? detail::nan_f() : (a > b ? a : b);
    case AluOp::Minimum: return std::isnan(a) || std::isnan(b) ? detail::nan_f() : (a < b ? a : b);
    case AluOp::Power: return static_cast<float>(fpmath::pow(a, b));
    case AluOp::Mod: {
      // Python/NumPy semantics: the result takes the divisor's sign.
      float r = std::fmod(a, b);
      if (r != 0 && ((r < 0) != (b < 0))) r += b;
      return r;
    }
    case AluOp::Fmod: return std::fmod(a, b);  // C semantics: the dividend's sign
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
    // The signed value of larger / smaller magnitude; a tie gives b (nl.abs_max documentation).
    case AluOp::AbsMax:
      return std::isnan(a) || std::isnan(b) ? detail::nan_f() : (std::fabs(a) > std::fabs(b) ? a : b);
    case AluOp::AbsMin:
      return std::isnan(a) || std::isnan(b) ? detail::nan_f() : (std::fabs(a) < std::fabs(b) ? a : b);
    case AluOp::Abs: return std::fabs(a);
    case AluOp::Square: return a * a;
    case AluOp::Relu: return a < 0 ? 0.0f : a;
    case AluOp::Rsqrt: return 1.0f / std::sqrt(a);
    case AluOp::Reciprocal: return 1.0f / a;
    case AluOp::Average: return (a + b) * 0.5f;
    case AluOp::BitwiseAnd:
    case AluOp::BitwiseOr:
    case AluOp::BitwiseXor:
    case AluOp::Invert:
    case AluOp::LeftShift:
    case AluOp::RightShift: break;  // bit-vector operators never see fp32 values (see apply_bitvec)
  }
  return detail::nan_f();
}

float reduce_identity(AluOp op) {
  switch (op) {
    case AluOp::Multiply:
    case AluOp::LogicalAnd: return 1.0f;
    case AluOp::Maximum: return -std::numeric_limits<float>::infinity();
    case AluOp::Minimum:
    case AluOp::AbsMin: return std::numeric_limits<float>::infinity();
    default: return 0.0f;
  }
}

namespace {

constexpr double kSqrt1_2 = 0.70710678118654752440;
constexpr double kInvSqrt2Pi = 0.39894228040143267794;  // 1/sqrt(2*pi)
constexpr double kSqrt2OverPi = 0.79788456080286535588;
constexpr double kTwoOverSqrtPi = 1.12837916709551257390;

double softplus(double x) {
  // log1p(exp(x)) equals x to double precision above 37 (and exp would overflow later).
  return x > 37.0 ? x : fpmath::log1p(fpmath::exp(x));
}

// The function in double; the composite ones are written so that nothing cancels (1 + erf(x) as
// erfc(-x), 1 - sigmoid(x) as sigmoid(-x), 0.5 (1 + tanh(u)) as sigmoid(2u)).
double act_f64(ActFn f, double x) {
  switch (f) {
    case ActFn::Exp: return fpmath::exp(x);
    case ActFn::Log: return fpmath::log(x);
    case ActFn::Tanh: return fpmath::tanh(x);
    case ActFn::Sigmoid: return fpmath::sigmoid(x);
    case ActFn::Gelu: return 0.5 * x * fpmath::erfc(-x * kSqrt1_2);
    case ActFn::GeluDx:
      return 0.5 * fpmath::erfc(-x * kSqrt1_2) + x * kInvSqrt2Pi * fpmath::exp(-0.5 * x * x);
    case ActFn::GeluApprxTanh: return x * fpmath::sigmoid(2.0 * kSqrt2OverPi * (x + 0.044715 * x * x * x));
    case ActFn::GeluApprxSigmoid: return x * fpmath::sigmoid(1.702 * x);
    case ActFn::GeluApprxSigmoidDx:
      return fpmath::sigmoid(1.702 * x) +
             1.702 * x * fpmath::sigmoid(1.702 * x) * fpmath::sigmoid(-1.702 * x);
    case ActFn::Silu: return x * fpmath::sigmoid(x);
    case ActFn::SiluDx: return fpmath::sigmoid(x) * (1.0 + x * fpmath::sigmoid(-x));
    case ActFn::Sin: return fpmath::sin(x);
    case ActFn::Arctan: return fpmath::atan(x);
    case ActFn::Softplus: return softplus(x);
    case ActFn::Mish: return x * fpmath::tanh(softplus(x));
    case ActFn::Erf: return fpmath::erf(x);
    case ActFn::ErfDx: return kTwoOverSqrtPi * fpmath::exp(-x * x);
    default: return x;  // the fp32 functions below never get here
  }
}

}  // namespace

float apply_act(ActFn f, float x, float relu_param) {
  switch (f) {
    case ActFn::Copy: return x;
    case ActFn::Relu: return x < 0 ? 0.0f : x;
    case ActFn::Prelu: return x < 0 ? x * relu_param : x;
    case ActFn::Square: return x * x;
    case ActFn::Sqrt: return std::sqrt(x);  // IEEE: correctly rounded everywhere
    case ActFn::Rsqrt: return 1.0f / std::sqrt(x);
    case ActFn::Reciprocal: return 1.0f / x;
    case ActFn::Abs: return std::fabs(x);
    case ActFn::Sign: return std::isnan(x) ? x : (x > 0 ? 1.0f : (x < 0 ? -1.0f : 0.0f));
    default: return static_cast<float>(act_f64(f, x));
  }
}

}  // namespace nki::sim

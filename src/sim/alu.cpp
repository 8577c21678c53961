// Name tables for ALU operators and activation functions, and the activation functions' math.
#include "sim/alu.h"

#include <utility>

namespace nki::sim {

std::optional<AluOp> parse_alu_op(std::string_view name) {
  static const std::pair<std::string_view, AluOp> kOps[] = {
      {"bypass", AluOp::Bypass},           {"add", AluOp::Add},
      {"subtract", AluOp::Subtract},       {"multiply", AluOp::Multiply},
      {"mult", AluOp::Multiply},           {"divide", AluOp::Divide},
      {"maximum", AluOp::Maximum},         {"max", AluOp::Maximum},
      {"minimum", AluOp::Minimum},         {"min", AluOp::Minimum},
      {"power", AluOp::Power},             {"pow", AluOp::Power},
      {"mod", AluOp::Mod},                 {"equal", AluOp::Equal},
      {"is_equal", AluOp::Equal},          {"not_equal", AluOp::NotEqual},
      {"less", AluOp::Less},               {"is_lt", AluOp::Less},
      {"less_equal", AluOp::LessEqual},    {"is_le", AluOp::LessEqual},
      {"greater", AluOp::Greater},         {"is_gt", AluOp::Greater},
      {"greater_equal", AluOp::GreaterEqual}, {"is_ge", AluOp::GreaterEqual},
      {"logical_and", AluOp::LogicalAnd},  {"logical_or", AluOp::LogicalOr},
      {"logical_xor", AluOp::LogicalXor},  {"logical_not", AluOp::LogicalNot},
      {"abs_max", AluOp::AbsMax},          {"abs_min", AluOp::AbsMin},
      {"abs", AluOp::Abs},                 {"square", AluOp::Square},
      {"relu", AluOp::Relu},               {"rsqrt", AluOp::Rsqrt},
      {"reciprocal", AluOp::Reciprocal},   {"bitwise_and", AluOp::BitwiseAnd},
      {"bitwise_or", AluOp::BitwiseOr},    {"bitwise_xor", AluOp::BitwiseXor},
      {"invert", AluOp::Invert},           {"bitwise_not", AluOp::Invert},
      {"left_shift", AluOp::LeftShift},    {"logical_shift_left", AluOp::LeftShift},
      {"arith_shift_left", AluOp::LeftShift}, {"right_shift", AluOp::RightShift},
      {"logical_shift_right", AluOp::RightShift},
  };
  for (const auto& [n, op] : kOps)
    if (n == name) return op;
  return std::nullopt;
}

std::optional<ActFn> parse_act_fn(std::string_view name) {
  static const std::pair<std::string_view, ActFn> kFns[] = {
      {"copy", ActFn::Copy},
      {"identity", ActFn::Copy},
      {"exp", ActFn::Exp},
      {"log", ActFn::Log},
      {"tanh", ActFn::Tanh},
      {"sigmoid", ActFn::Sigmoid},
      {"relu", ActFn::Relu},
      {"square", ActFn::Square},
      {"sqrt", ActFn::Sqrt},
      {"rsqrt", ActFn::Rsqrt},
      {"reciprocal", ActFn::Reciprocal},
      {"gelu", ActFn::Gelu},
      {"gelu_dx", ActFn::GeluDx},
      {"gelu_apprx_tanh", ActFn::GeluApprxTanh},
      {"gelu_apprx_sigmoid", ActFn::GeluApprxSigmoid},
      {"silu", ActFn::Silu},
      {"silu_dx", ActFn::SiluDx},
      {"abs", ActFn::Abs},
      {"sign", ActFn::Sign},
      {"sin", ActFn::Sin},
      {"arctan", ActFn::Arctan},
      {"softplus", ActFn::Softplus},
      {"mish", ActFn::Mish},
      {"erf", ActFn::Erf},
      {"erf_dx", ActFn::ErfDx},
  };
  for (const auto& [n, f] : kFns)
    if (n == name) return f;
  return std::nullopt;
}

namespace {

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

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
    case ActFn::Copy: return x;
    case ActFn::Exp: return std::exp(x);
    case ActFn::Log: return std::log(x);
    case ActFn::Tanh: return std::tanh(x);
    case ActFn::Sigmoid: return sigmoid(x);
    case ActFn::Relu: return x < 0 ? 0.0f : x;
    case ActFn::Square: return x * x;
    case ActFn::Sqrt: return std::sqrt(x);
    case ActFn::Rsqrt: return 1.0f / std::sqrt(x);
    case ActFn::Reciprocal: return 1.0f / x;
    case ActFn::Gelu: return 0.5f * x * (1.0f + std::erf(x * kSqrt1_2));
    case ActFn::GeluDx:
      return 0.5f * (1.0f + std::erf(x * kSqrt1_2)) + x * kInvSqrt2Pi * std::exp(-0.5f * x * x);
    case ActFn::GeluApprxTanh:
      return 0.5f * x * (1.0f + std::tanh(kSqrt2OverPi * (x + 0.044715f * x * x * x)));
    case ActFn::GeluApprxSigmoid: return x * sigmoid(1.702f * x);
    case ActFn::Silu: return x * sigmoid(x);
    case ActFn::SiluDx: {
      const float s = sigmoid(x);
      return s * (1.0f + x * (1.0f - s));
    }
    case ActFn::Abs: return std::fabs(x);
    case ActFn::Sign: return std::isnan(x) ? x : (x > 0 ? 1.0f : (x < 0 ? -1.0f : 0.0f));
    case ActFn::Sin: return std::sin(x);
    case ActFn::Arctan: return std::atan(x);
    case ActFn::Softplus: return softplus(x);
    case ActFn::Mish: return x * std::tanh(softplus(x));
    case ActFn::Erf: return std::erf(x);
    case ActFn::ErfDx: return kTwoOverSqrtPi * std::exp(-x * x);
  }
  return x;
}

}  // namespace nki::sim

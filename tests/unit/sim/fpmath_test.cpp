// sim/fpmath, the simulator's own transcendental functions: fixed fp32 results (the correctly
// rounded values, computed with mpmath at 200 bits; every machine must give these bits), C99
// special cases, and accuracy against the host's double libm over sweeps (with a tolerance:
// libm is only the yardstick here, never the definition).
#include "sim/fpmath.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace nki::test {
namespace {

namespace fm = sim::fpmath;

float f32(uint32_t bits) {
  return std::bit_cast<float>(bits);
}

double call(const std::string& fn, double x) {
  if (fn == "exp") return fm::exp(x);
  if (fn == "log") return fm::log(x);
  if (fn == "log1p") return fm::log1p(x);
  if (fn == "sin") return fm::sin(x);
  if (fn == "atan") return fm::atan(x);
  if (fn == "tanh") return fm::tanh(x);
  if (fn == "erf") return fm::erf(x);
  return fm::erfc(x);
}

TEST(FpMath, PinnedFp32Results) {
  struct Case {
    const char* fn;
    uint32_t x, want;
  };
  const Case cases[] = {
      {"exp", 0x3f800000u, 0x402df854u},    // exp(1.0) = 2.7182817459106445
      {"exp", 0xc2af0000u, 0x006cb2bcu},    // exp(-87.5) = 9.982351397596697e-39 (subnormal)
      {"exp", 0x42b10000u, 0x7f4cdcc4u},    // exp(88.5) = 2.723087918012828e+38
      {"exp", 0x3dcccccdu, 0x3f8d763eu},    // exp(0.1f) = 1.1051709651947021
      {"log", 0x41200000u, 0x40135d8eu},    // log(10.0) = 2.3025851249694824
      {"log", 0x3f800001u, 0x33ffffffu},    // log(1 + 2^-23) = 1.1920928244535389e-07
      {"log", 0x7f61b1e6u, 0x42b13196u},    // log(3e38) = 88.59684753417969
      {"log1p", 0x322bcc77u, 0x322bcc77u},  // log1p(1e-8) = 1e-8
      {"sin", 0x40490fdbu, 0xb3bbbd2eu},    // sin(pi as fp32) = -8.742277657347586e-08
      {"sin", 0xc18a3adcu, 0x3f800000u},    // sin(-17.27874) = 1.0
      {"sin", 0x3fc90fdbu, 0x3f800000u},    // sin(pi/2 as fp32) = 1.0
      {"sin", 0x3f000000u, 0x3ef57744u},    // sin(0.5) = 0.4794255495071411
      {"atan", 0x3f800000u, 0x3f490fdbu},   // atan(1.0) = 0.7853981852531433
      {"atan", 0x3e99999au, 0x3e9539d4u},   // atan(0.3f) = 0.29145681858062744
      {"atan", 0xc2c80000u, 0xbfc7c82fu},   // atan(-100.0) = -1.5607966184616089
      {"tanh", 0x3c23d70au, 0x3c23d5a4u},   // tanh(0.01f) = 0.00999966636300087
      {"tanh", 0x40400000u, 0x3f7ebbe9u},   // tanh(3.0) = 0.9950547814369202
      {"erf", 0x3f000000u, 0x3f053f7bu},    // erf(0.5) = 0.5204998850822449
      {"erf", 0x4019999au, 0x3f7fd2e1u},    // erf(2.4f) = 0.9993115067481995
      {"erf", 0x40400000u, 0x3f7ffe8du},    // erf(3.0) = 0.9999778866767883
      {"erfc", 0x40a00000u, 0x2bd860d4u},   // erfc(5.0) = 1.5374598295869735e-12
      {"erfc", 0x40266666u, 0x3977800au},   // erfc(2.6f) = 0.00023603453882969916
  };
  for (const Case& c : cases) {
    const float got = static_cast<float>(call(c.fn, f32(c.x)));
    EXPECT_EQ(std::bit_cast<uint32_t>(got), c.want) << c.fn << "(" << f32(c.x) << ") = " << got;
  }
  struct PowCase {
    uint32_t a, b, want;
  };
  const PowCase pows[] = {
      {0x40000000u, 0x3f000000u, 0x3fb504f3u},  // pow(2.0, 0.5) = 1.4142135381698608
      {0x41200000u, 0xc0400000u, 0x3a83126fu},  // pow(10.0, -3.0) = 0.0010000000474974513
      {0x3fc00000u, 0x41a00000u, 0x454fd41cu},  // pow(1.5, 20.0) = 3325.2568359375
      {0x3f333333u, 0xc0133333u, 0x40115cfbu},  // pow(0.7f, -2.3f) = 2.2713000774383545
  };
  for (const PowCase& c : pows)
    EXPECT_EQ(std::bit_cast<uint32_t>(static_cast<float>(fm::pow(f32(c.a), f32(c.b)))), c.want)
        << f32(c.a) << " " << f32(c.b);
}

TEST(FpMath, PowSpecialCasesFollowC99) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::nan("");
  EXPECT_EQ(fm::pow(nan, 0.0), 1.0);
  EXPECT_EQ(fm::pow(1.0, nan), 1.0);
  EXPECT_TRUE(std::isnan(fm::pow(nan, 2.0)));
  EXPECT_TRUE(std::isnan(fm::pow(-2.0, 0.5)));
  // exp(b log a) is within a few double ulps of these, and exactly them once rounded to fp32
  EXPECT_EQ(static_cast<float>(fm::pow(-2.0, 3.0)), -8.0f);
  EXPECT_EQ(static_cast<float>(fm::pow(-2.0, 2.0)), 4.0f);
  EXPECT_EQ(static_cast<float>(fm::pow(-2.0, -1.0)), -0.5f);
  EXPECT_EQ(fm::pow(0.0, -1.0), inf);
  EXPECT_EQ(fm::pow(-0.0, -1.0), -inf);
  EXPECT_EQ(fm::pow(-0.0, -2.0), inf);
  EXPECT_TRUE(std::signbit(fm::pow(-0.0, 3.0)));
  EXPECT_FALSE(std::signbit(fm::pow(-0.0, 2.0)));
  EXPECT_EQ(fm::pow(-1.0, inf), 1.0);
  EXPECT_EQ(fm::pow(0.5, inf), 0.0);
  EXPECT_EQ(fm::pow(0.5, -inf), inf);
  EXPECT_EQ(fm::pow(2.0, inf), inf);
  EXPECT_EQ(fm::pow(2.0, -inf), 0.0);
  EXPECT_EQ(fm::pow(-inf, 3.0), -inf);
  EXPECT_EQ(fm::pow(-inf, 2.0), inf);
  EXPECT_TRUE(std::signbit(fm::pow(-inf, -3.0)));
  EXPECT_EQ(fm::pow(inf, -0.5), 0.0);
  EXPECT_EQ(fm::pow(3.0, 1.0), 3.0);
}

TEST(FpMath, SpecialValues) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(fm::exp(-inf), 0.0);
  EXPECT_EQ(fm::exp(inf), inf);
  EXPECT_EQ(fm::exp(0.0), 1.0);
  EXPECT_TRUE(std::isnan(fm::exp(std::nan(""))));
  EXPECT_EQ(fm::log(0.0), -inf);
  EXPECT_EQ(fm::log(inf), inf);
  EXPECT_EQ(fm::log(1.0), 0.0);
  EXPECT_TRUE(std::isnan(fm::log(-1.0)));
  EXPECT_EQ(fm::log1p(-1.0), -inf);
  EXPECT_EQ(fm::log1p(inf), inf);
  EXPECT_TRUE(std::isnan(fm::sin(inf)));
  for (auto f : {fm::sin, fm::atan, fm::tanh, fm::erf, fm::expm1}) {
    EXPECT_TRUE(std::signbit(f(-0.0)));
    EXPECT_FALSE(std::signbit(f(0.0)));
  }
  EXPECT_EQ(fm::tanh(inf), 1.0);
  EXPECT_EQ(fm::tanh(-inf), -1.0);
  EXPECT_EQ(fm::atan(inf), 1.57079632679489655800);
  EXPECT_EQ(fm::erf(-inf), -1.0);
  EXPECT_EQ(fm::erfc(inf), 0.0);
  EXPECT_EQ(fm::erfc(-inf), 2.0);
  EXPECT_EQ(fm::sigmoid(-inf), 0.0);
  EXPECT_EQ(fm::sigmoid(inf), 1.0);
}

// Relative error against the host's double libm (itself within an ulp or so of exact): far
// below what the fp32 results need (2^-24).
TEST(FpMath, AccurateOverSweeps) {
  struct Sweep {
    const char* fn;
    double (*ours)(double);
    double (*libm)(double);
    double lo, hi, tolerance;
  };
  const Sweep sweeps[] = {
      {"exp", fm::exp, [](double x) { return std::exp(x); }, -700, 700, 1e-13},
      {"expm1", fm::expm1, [](double x) { return std::expm1(x); }, -2, 2, 1e-13},
      {"log", fm::log, [](double x) { return std::log(x); }, 1e-30, 1e30, 1e-13},
      {"log1p", fm::log1p, [](double x) { return std::log1p(x); }, -0.999, 100, 1e-13},
      {"sin", fm::sin, [](double x) { return std::sin(x); }, -1000, 1000, 1e-13},
      {"atan", fm::atan, [](double x) { return std::atan(x); }, -50, 50, 1e-13},
      {"tanh", fm::tanh, [](double x) { return std::tanh(x); }, -25, 25, 1e-13},
      {"erf", fm::erf, [](double x) { return std::erf(x); }, -7, 7, 1e-13},
      // below 2.5, erfc is 1 - erf: up to 11 bits cancel where erfc is small (still 2^-37)
      {"erfc", fm::erfc, [](double x) { return std::erfc(x); }, -3, 26, 1e-11},
  };
  for (const Sweep& s : sweeps) {
    double worst = 0;
    const int n = 200000;
    for (int i = 0; i <= n; ++i) {
      double x = s.lo + (s.hi - s.lo) * i / n;
      if (std::string(s.fn) == "log")
        x = std::exp(std::log(s.lo) + (std::log(s.hi) - std::log(s.lo)) * i / n);
      const double want = s.libm(x);
      if (want == 0) continue;
      const double ours = s.ours(x);
      // sin near its zeros: an absolute error, as the argument reduction's rounding is absolute
      const double scale = std::string(s.fn) == "sin" ? std::max(std::fabs(want), 1e-3) : std::fabs(want);
      worst = std::max(worst, std::fabs(ours - want) / scale);
    }
    EXPECT_LT(worst, s.tolerance) << s.fn;
  }
  double worst = 0;
  for (int i = 0; i <= 1000; ++i)
    for (int j = 0; j <= 100; ++j) {
      const double a = std::exp(-20.0 + 40.0 * i / 1000), b = -8.0 + 16.0 * j / 100;
      const double want = std::pow(a, b);
      if (want == 0 || std::isinf(want)) continue;
      worst = std::max(worst, std::fabs(fm::pow(a, b) - want) / want);
    }
  EXPECT_LT(worst, 1e-13) << "pow";
}

}  // namespace
}  // namespace nki::test

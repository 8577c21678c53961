// The simulator's transcendental functions (see fpmath.h for why they are not libm's). Each is
// a textbook method: an exact-enough argument reduction, then a Taylor or atanh series long
// enough that its truncation error is below 2^-56, evaluated by Horner's rule. Only IEEE basic
// operations are used, so the results are the same bits on every conforming machine.
#include "sim/fpmath.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

namespace nki::sim::fpmath {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ln 2 split so that k * kLn2Hi is exact for |k| < 2^21 (kLn2Hi has 32 significant bits).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kSqrt1_2 = 0.70710678118654752440;
// pi/2 in four pieces of 33 bits (the last the remainder), so k * piece is exact for |k| < 2^20.
constexpr double kPio2_1 = 1.57079632673412561417e+00;
constexpr double kPio2_2 = 6.07710050630396597660e-11;
constexpr double kPio2_3 = 2.02226624871116645580e-21;
constexpr double kPio2_3t = 8.47842766036889956997e-32;
constexpr double kTwoOverPi = 6.36619772367581382433e-01;
constexpr double kTwoPi = 6.28318530717958647693;
constexpr double kPio2Hi = 1.57079632679489655800e+00;  // pi/2 = kPio2Hi + kPio2Lo
constexpr double kPio2Lo = 6.12323399573676603587e-17;
constexpr double kInvSqrtPi = 0.56418958354775628695;
constexpr double kTwoOverSqrtPi = 1.12837916709551257390;

// 1/n! for n = 0..20 (every n! here is exact in double, so each entry is correctly rounded).
constexpr std::array<double, 21> kInvFact = [] {
  std::array<double, 21> c{};
  double f = 1.0;
  for (int n = 0; n < 21; ++n) {
    if (n > 0) f *= n;
    c[n] = 1.0 / f;
  }
  return c;
}();

// 1/(2n+1) for n = 0..15.
constexpr std::array<double, 16> kInvOdd = [] {
  std::array<double, 16> c{};
  for (int n = 0; n < 16; ++n) c[n] = 1.0 / (2 * n + 1);
  return c;
}();

// sin(r) and cos(r) for |r| <= pi/4: Taylor series to degree 17 / 18.
double sin_kernel(double r) {
  const double z = r * r;
  double s = 0.0;  // sum_{n=1..8} (-1)^n z^(n-1) / (2n+1)!
  for (int n = 8; n >= 1; --n) s = s * z + ((n % 2) ? -kInvFact[2 * n + 1] : kInvFact[2 * n + 1]);
  return r + r * z * s;
}

double cos_kernel(double r) {
  const double z = r * r;
  double c = 0.0;  // sum_{n=1..9} (-1)^n z^(n-1) / (2n)!
  for (int n = 9; n >= 1; --n) c = c * z + ((n % 2) ? -kInvFact[2 * n] : kInvFact[2 * n]);
  return 1.0 + z * c;
}

// atan(t) for t in [0, 1]: two halvings of the angle (atan t = 2 atan(t / (1 + sqrt(1 + t^2))))
// bring t below tan(pi/16) ~ 0.199, where the series t - t^3/3 + ... needs 14 terms.
double atan_kernel(double t) {
  for (int i = 0; i < 2; ++i) t = t / (1.0 + std::sqrt(1.0 + t * t));
  const double z = t * t;
  double q = 0.0;  // sum_{n=1..14} (-1)^n z^(n-1) / (2n+1)
  for (int n = 14; n >= 1; --n) q = q * z + ((n % 2) ? -kInvOdd[n] : kInvOdd[n]);
  return 4.0 * (t + t * z * q);
}

// erf(a) for 0 <= a < 2.5 by the series of positive terms
//   erf(a) = 2/sqrt(pi) exp(-a^2) sum_n (2a^2)^n a / (1*3*...*(2n+1)),
// which has no cancellation (at most ~70 terms at a = 2.5).
double erf_series(double a) {
  const double w = 2.0 * a * a;
  double term = a;
  double sum = a;
  for (int n = 1; n < 200 && term > sum * 0x1p-56; ++n) {
    term = term * w / (2 * n + 1);
    sum += term;
  }
  return kTwoOverSqrtPi * exp(-a * a) * sum;
}

// erfc(a) for a >= 2.5 by its continued fraction
//   erfc(a) = exp(-a^2)/sqrt(pi) / (a + (1/2)/(a + (2/2)/(a + (3/2)/(a + ...)))),
// evaluated from a fixed depth (enough for 2^-56 at a = 2.5; more terms only help beyond).
double erfc_fraction(double a) {
  double f = a;
  for (int n = 120; n >= 1; --n) f = a + (0.5 * n) / f;
  return kInvSqrtPi * exp(-a * a) / f;
}

constexpr double kErfSplit = 2.5;

bool is_integer(double b) {
  return std::isfinite(b) && std::floor(b) == b;
}

bool is_odd_integer(double b) {
  return std::fabs(b) < 0x1p53 && std::floor(b) == b && std::fmod(b, 2.0) != 0.0;
}

}  // namespace

double exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.782712893384) return kInf;
  if (x < -745.1332191019412) return 0.0;
  // x = k ln2 + r, |r| <= ln2/2; exp(r) by Taylor to degree 16 (error < 2^-60).
  const double k = std::nearbyint(x * kInvLn2);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;
  double p = kInvFact[16];
  for (int n = 15; n >= 0; --n) p = p * r + kInvFact[n];
  return std::ldexp(p, static_cast<int>(k));
}

double expm1(double x) {
  if (x == 0.0) return x;                          // keeps -0
  if (!(std::fabs(x) < 0.5)) return exp(x) - 1.0;  // NaN lands here too
  // x + x^2 (1/2! + x/3! + ...), Taylor to degree 18.
  double q = kInvFact[18];
  for (int n = 17; n >= 2; --n) q = q * x + kInvFact[n];
  return x + x * x * q;
}

double log(double x) {
  if (std::isnan(x)) return x;
  if (x < 0) return kNaN;
  if (x == 0) return -kInf;
  if (std::isinf(x)) return x;
  // x = m 2^e with m in [sqrt(1/2), sqrt(2)); log m = 2 atanh(s), s = (m-1)/(m+1), |s| < 0.172.
  int e = 0;
  double m = std::frexp(x, &e);
  if (m < kSqrt1_2) {
    m *= 2.0;
    --e;
  }
  const double f = m - 1.0;  // exact
  const double s = f / (2.0 + f);
  const double z = s * s;
  double q = kInvOdd[14];
  for (int n = 13; n >= 1; --n) q = q * z + kInvOdd[n];
  const double log_m = 2.0 * s + 2.0 * s * z * q;
  return e * kLn2Hi + (log_m + e * kLn2Lo);
}

double log1p(double x) {
  if (std::isnan(x) || x == kInf) return x;
  const double u = 1.0 + x;
  if (u == 1.0) return x;
  // The rounding error of 1 + x cancels in log(u) * x / (u - 1) (Goldberg's method).
  return log(u) * (x / (u - 1.0));
}

double sin(double x) {
  if (!std::isfinite(x)) return kNaN;
  if (x == 0.0) return x;  // keeps -0
  // Far outside the engines' range a remainder modulo the double nearest 2 pi keeps the value
  // deterministic (not accurate); below 2^20 the four-piece reduction is accurate.
  if (std::fabs(x) >= 0x1p20) x = std::fmod(x, kTwoPi);
  const double k = std::nearbyint(x * kTwoOverPi);
  const double r = (((x - k * kPio2_1) - k * kPio2_2) - k * kPio2_3) - k * kPio2_3t;
  const int64_t quadrant = static_cast<int64_t>(k) & 3;
  switch (quadrant) {
    case 0: return sin_kernel(r);
    case 1: return cos_kernel(r);
    case 2: return -sin_kernel(r);
    default: return -cos_kernel(r);
  }
}

double atan(double x) {
  if (std::isnan(x)) return x;
  const double a = std::fabs(x);
  const double r = a > 1.0 ? kPio2Hi + (kPio2Lo - atan_kernel(1.0 / a)) : atan_kernel(a);
  return std::copysign(r, x);
}

double tanh(double x) {
  if (std::isnan(x)) return x;
  const double a = std::fabs(x);
  double t;
  if (a > 22.0) {
    t = 1.0;  // 1 - tanh(22) < 2^-62
  } else if (a < 0.25) {
    const double e = expm1(2.0 * a);
    t = e / (e + 2.0);
  } else {
    t = 1.0 - 2.0 / (exp(2.0 * a) + 1.0);
  }
  return std::copysign(t, x);
}

double erf(double x) {
  if (std::isnan(x)) return x;
  const double a = std::fabs(x);
  const double r = a < kErfSplit ? erf_series(a) : (a > 6.0 ? 1.0 : 1.0 - erfc_fraction(a));
  return std::copysign(r, x);
}

double erfc(double x) {
  if (std::isnan(x)) return x;
  if (x < 0) return 1.0 + erf(-x);
  if (x < kErfSplit) return 1.0 - erf_series(x);
  return x > 27.3 ? 0.0 : erfc_fraction(x);  // erfc(27.3) < 2^-1075
}

double sigmoid(double x) {
  return 1.0 / (1.0 + exp(-x));
}

double pow(double a, double b) {
  if (b == 0.0 || a == 1.0) return 1.0;
  if (std::isnan(a) || std::isnan(b)) return kNaN;
  if (b == 1.0) return a;
  if (std::isinf(b)) {
    const double m = std::fabs(a);
    if (m == 1.0) return 1.0;
    return (m < 1.0) == (b > 0) ? 0.0 : kInf;
  }
  const bool odd = is_odd_integer(b);
  if (a == 0.0) {
    if (b < 0) return odd ? std::copysign(kInf, a) : kInf;
    return odd ? a : 0.0;
  }
  if (std::isinf(a)) {
    const double mag = b < 0 ? 0.0 : kInf;
    return a < 0 && odd ? -mag : mag;
  }
  if (a < 0) {
    if (!is_integer(b)) return kNaN;
    const double r = exp(b * log(-a));
    return odd ? -r : r;
  }
  return exp(b * log(a));
}

}  // namespace nki::sim::fpmath

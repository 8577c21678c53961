// The simulator's own transcendental functions, in double precision, the same on every machine.
//
// Why not libm: glibc picks FMA/AVX2 variants of expf, cosf, powf, ... at run time (ifunc), and
// other C libraries use other algorithms, so std::exp/std::cos of a float can differ by an ulp
// between two x86-64 machines. The simulator's numbers must not depend on the host, so every
// transcendental the engines compute is defined here from +, -, *, /, sqrt, fmod, ldexp and frexp
// alone (correctly rounded IEEE operations; this file is compiled with -ffp-contract=off so no
// FMA is ever fused in). The engines evaluate a function in double and round once to fp32, which
// gives the correctly rounded fp32 value except in rare cases right next to a rounding midpoint
// (the double result is accurate to a few ulps of double: 2^-50 relative or better over the
// ranges below). See docs/numerics.md for what the hardware does instead.
//
// Accuracy is for the ranges the engines document (nki-api.md §8.2) and a wide margin beyond:
// sin reduces its argument exactly-enough for |x| < 2^19 and with fmod(x, 2*pi) beyond, so huge
// arguments give a deterministic but inaccurate value.
#pragma once

namespace nki::sim::fpmath {

double exp(double x);
double expm1(double x);  // exp(x) - 1 without cancellation near 0
double log(double x);
double log1p(double x);  // log(1 + x) without cancellation near 0
double sin(double x);
double atan(double x);
double tanh(double x);
double erf(double x);
double erfc(double x);  // 1 - erf(x), accurate where it is tiny (x large)
double sigmoid(double x);
// C99 pow, including its special cases (pow(x, 0) = 1, pow(1, y) = 1, negative bases with
// integer exponents, zeros and infinities); what NumPy's float32 power follows too.
double pow(double a, double b);

}  // namespace nki::sim::fpmath

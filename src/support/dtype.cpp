// NKI data types: the name tables and the exact fp32 <-> storage conversions every engine write
// and read goes through. All float narrowing is round-to-nearest-even on the bits, done with
// integer arithmetic so the result never depends on the host's floating-point environment.
//
// Choices where the formats leave room (they follow ml_dtypes, which the NKI simulator uses):
//  - NaN stays NaN (quiet, sign kept); +-inf stays +-inf where the format has an inf.
//  - float8_e4m3 (NKI's) is the IEEE-like e4m3: bias 7, inf = S.1111.000, NaN = S.1111.xxx,
//    max finite 240. Overflow after rounding -> inf.
//  - float8_e4m3fn is OCP e4m3: bias 7, no inf, NaN = S.1111.111 only, max finite 448.
//    Overflow after rounding (|v| > 464; 464 itself is a tie that rounds to even 448) and
//    +-inf -> NaN (ml_dtypes' non-saturating rule; the format has no inf to saturate to).
//  - float8_e5m2 is IEEE-like: bias 15, max finite 57344, overflow -> inf.
//  - fp32 subnormal inputs become (signed) zero in fp16/fp8: they are far below half of the
//    smallest subnormal of those formats, so this is exactly what RNE gives.
//  - bool_ stores 1 for any non-zero value, NaN included (as numpy's astype(bool)).
#include "support/dtype.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace nki {

namespace {

uint32_t f32_bits(float v) {
  uint32_t b;
  std::memcpy(&b, &v, 4);
  return b;
}

float bits_f32(uint32_t b) {
  float v;
  std::memcpy(&v, &b, 4);
  return v;
}

// A small float format below fp32: exponent/mantissa widths, bias, and whether the all-ones
// exponent encodes inf/NaN (IEEE-like) or only the single NaN S.1..1.1..1 (OCP "fn" formats).
struct MiniFloat {
  int ebits;
  int mbits;
  int bias;
  bool ieee;
};

constexpr MiniFloat kF16{5, 10, 15, true};
constexpr MiniFloat kE4M3{4, 3, 7, true};
constexpr MiniFloat kE4M3FN{4, 3, 7, false};
constexpr MiniFloat kE5M2{5, 2, 15, true};

uint32_t mini_inf(const MiniFloat& f) {
  return ((1u << f.ebits) - 1) << f.mbits;
}
uint32_t mini_nan(const MiniFloat& f) {
  // IEEE-like: quiet NaN = exponent all ones, top mantissa bit set. fn: all ones.
  return f.ieee ? mini_inf(f) | (1u << (f.mbits - 1)) : (1u << (f.ebits + f.mbits)) - 1;
}

// fp32 -> f, round to nearest even. Returns the bits (sign at bit ebits + mbits).
uint32_t encode_mini(const MiniFloat& f, float v) {
  const uint32_t b = f32_bits(v);
  const uint32_t sign = (b >> 31) << (f.ebits + f.mbits);
  const uint32_t e32 = (b >> 23) & 0xFF;
  const uint32_t m32 = b & 0x7FFFFF;
  if (e32 == 0xFF) {
    if (m32 != 0 || !f.ieee) return sign | mini_nan(f);  // NaN, or inf in a format without inf
    return sign | mini_inf(f);
  }
  if (e32 == 0) return sign;  // zero or fp32 subnormal: rounds to zero (see file comment)
  const int e = static_cast<int>(e32) - 127;
  const uint32_t sig = m32 | 0x800000;  // value = sig * 2^(e - 23)
  const int emin = 1 - f.bias;          // exponent of the smallest normal
  int shift = 23 - f.mbits;
  if (e < emin) shift += emin - e;  // subnormal in the target: fewer mantissa bits
  if (shift > 25) shift = 25;       // everything shifted out: rounds to zero below
  uint32_t q = sig >> shift;
  const uint32_t rem = sig & ((1u << shift) - 1);
  const uint32_t half = 1u << (shift - 1);
  if (rem > half || (rem == half && (q & 1))) ++q;
  // Normal: (biased exponent - 1) << mbits plus q (which carries the implicit 1) gives the
  // encoding, and a mantissa carry-out bumps the exponent by itself. Subnormal: q is the encoding.
  uint32_t enc = e < emin ? q : (static_cast<uint32_t>(e + f.bias - 1) << f.mbits) + q;
  if (f.ieee) {
    if (enc >= mini_inf(f)) enc = mini_inf(f);
  } else if (enc >= mini_nan(f)) {
    enc = mini_nan(f);
  }
  return sign | enc;
}

float decode_mini(const MiniFloat& f, uint32_t bits) {
  const uint32_t sign = (bits >> (f.ebits + f.mbits)) & 1;
  const uint32_t exp = (bits >> f.mbits) & ((1u << f.ebits) - 1);
  const uint32_t man = bits & ((1u << f.mbits) - 1);
  const uint32_t emax = (1u << f.ebits) - 1;
  float mag;
  if (f.ieee && exp == emax) {
    mag = man == 0 ? std::numeric_limits<float>::infinity() : std::numeric_limits<float>::quiet_NaN();
  } else if (!f.ieee && exp == emax && man == (1u << f.mbits) - 1) {
    mag = std::numeric_limits<float>::quiet_NaN();
  } else if (exp == 0) {
    mag = std::ldexp(static_cast<float>(man), 1 - f.bias - f.mbits);
  } else {
    mag = std::ldexp(static_cast<float>(man | (1u << f.mbits)), static_cast<int>(exp) - f.bias - f.mbits);
  }
  return sign ? -mag : mag;
}

// 256-entry decode tables for the fp8 formats: loads are on every engine's hot path.
struct Fp8Table {
  float v[256];
  explicit Fp8Table(const MiniFloat& f) {
    for (int i = 0; i < 256; ++i) v[i] = decode_mini(f, static_cast<uint32_t>(i));
  }
};

const Fp8Table& table_e4m3() {
  static const Fp8Table t(kE4M3);
  return t;
}
const Fp8Table& table_e4m3fn() {
  static const Fp8Table t(kE4M3FN);
  return t;
}
const Fp8Table& table_e5m2() {
  static const Fp8Table t(kE5M2);
  return t;
}

// float8_e8m0fnu: 2^(bits - 127), 0xFF = NaN (see dtype.h).
float decode_e8m0(uint8_t bits) {
  if (bits == 0xFF) return std::numeric_limits<float>::quiet_NaN();
  return std::ldexp(1.0f, static_cast<int>(bits) - 127);
}

uint8_t encode_e8m0(float v) {
  if (std::isnan(v) || v < 0.0f || std::isinf(v)) return 0xFF;
  const uint32_t b = f32_bits(v);
  const uint32_t e32 = (b >> 23) & 0xFF;  // 2^(e32 - 127) <= v: the same biased exponent
  if (e32 == 0) return 0x00;              // zero or an fp32 subnormal (< 2^-126): 2^-127 is the nearest
  // Round the mantissa away: 1.m >= 1.5 goes up (the tie 1.5 has the odd code 1, so RNE rounds
  // it up too). 2^128 and above are not representable: NaN.
  const uint32_t r = e32 + ((b & 0x400000) ? 1u : 0u);
  return r >= 0xFF ? 0xFF : static_cast<uint8_t>(r);
}

// float4_e2m1fn: 1 sign, 2 exponent (bias 1), 1 mantissa bit; no inf or NaN; max 6.
constexpr float kE2M1Mag[8] = {0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 3.0f, 4.0f, 6.0f};

float decode_e2m1(uint32_t bits) {
  return (bits & 8) ? -kE2M1Mag[bits & 7] : kE2M1Mag[bits & 7];
}

// Nearest of the 8 magnitudes, ties to the even code; beyond 6 saturates; NaN -> 0.
uint32_t encode_e2m1(float v) {
  if (std::isnan(v)) return 0;
  const uint32_t sign = std::signbit(v) ? 8u : 0u;
  const float a = std::fabs(v);
  uint32_t best = 7;
  for (uint32_t c = 0; c < 7; ++c) {
    const float mid = (kE2M1Mag[c] + kE2M1Mag[c + 1]) / 2;  // exact in fp32
    if (a < mid || (a == mid && c % 2 == 0)) {
      best = c;
      break;
    }
  }
  return sign | best;
}

// fp32 -> integer in [lo, hi]: round to nearest even, saturate, NaN -> 0.
int64_t to_int_sat(float v, int64_t lo, int64_t hi) {
  if (std::isnan(v)) return 0;
  const double r = std::nearbyint(static_cast<double>(v));  // default mode: nearest even
  if (r <= static_cast<double>(lo)) return lo;
  if (r >= static_cast<double>(hi)) return hi;
  return static_cast<int64_t>(r);
}

template <typename T>
void store_int(float v, void* p) {
  const T x = static_cast<T>(to_int_sat(v, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
  std::memcpy(p, &x, sizeof(T));
}

template <typename T>
float load_int(const void* p) {
  T x;
  std::memcpy(&x, p, sizeof(T));
  return static_cast<float>(x);  // int32/uint32 beyond 2^24 round to nearest even
}

}  // namespace

int dtype_size(DType t) {
  switch (t) {
#define X(e, name, size, np) \
  case DType::e: return size;
    NKI_DTYPES(X)
#undef X
  }
  return 0;
}

std::string_view dtype_name(DType t) {
  switch (t) {
#define X(e, name, size, np) \
  case DType::e: return name;
    NKI_DTYPES(X)
#undef X
  }
  return "?";
}

std::string_view dtype_short_name(DType t) {
  switch (t) {
    case DType::float32: return "f32";
    case DType::bfloat16: return "bf16";
    case DType::float16: return "f16";
    case DType::tfloat32: return "tf32";
    case DType::float8_e4m3: return "f8e4m3";
    case DType::float8_e4m3fn: return "f8e4m3fn";
    case DType::float8_e5m2: return "f8e5m2";
    case DType::float8_e8m0fnu: return "f8e8m0";
    case DType::float8_e5m2_x4: return "f8e5m2x4";
    case DType::float8_e4m3fn_x4: return "f8e4m3fnx4";
    case DType::float4_e2m1fn_x4: return "f4e2m1x4";
    case DType::int8: return "i8";
    case DType::int16: return "i16";
    case DType::int32: return "i32";
    case DType::uint8: return "u8";
    case DType::uint16: return "u16";
    case DType::uint32: return "u32";
    case DType::bool_: return "bool";
  }
  return "?";
}

std::optional<DType> parse_dtype(std::string_view name) {
#define X(e, nki_name, size, np) \
  if (name == nki_name || name == dtype_short_name(DType::e)) return DType::e;
  NKI_DTYPES(X)
#undef X
  return std::nullopt;
}

bool is_float(DType t) {
  switch (t) {
    case DType::float32:
    case DType::bfloat16:
    case DType::float16:
    case DType::tfloat32:
    case DType::float8_e4m3:
    case DType::float8_e4m3fn:
    case DType::float8_e5m2:
    case DType::float8_e8m0fnu: return true;
    default: return false;
  }
}

bool is_packed_mx(DType t) {
  return t == DType::float8_e5m2_x4 || t == DType::float8_e4m3fn_x4 || t == DType::float4_e2m1fn_x4;
}

bool is_integer(DType t) {
  return !is_float(t) && !is_packed_mx(t);
}

float load_packed_mx(DType t, const void* p, int i) {
  const auto* u8 = static_cast<const uint8_t*>(p);
  switch (t) {
    case DType::float8_e5m2_x4: return table_e5m2().v[u8[i]];
    case DType::float8_e4m3fn_x4: return table_e4m3fn().v[u8[i]];
    case DType::float4_e2m1fn_x4: return decode_e2m1((u8[i / 2] >> (4 * (i % 2))) & 0xF);
    default: return std::numeric_limits<float>::quiet_NaN();
  }
}

void store_packed_mx(DType t, float v, void* p, int i) {
  auto* u8 = static_cast<uint8_t*>(p);
  switch (t) {
    case DType::float8_e5m2_x4: u8[i] = static_cast<uint8_t>(encode_mini(kE5M2, v)); return;
    case DType::float8_e4m3fn_x4: u8[i] = static_cast<uint8_t>(encode_mini(kE4M3FN, v)); return;
    case DType::float4_e2m1fn_x4: {
      const int sh = 4 * (i % 2);
      u8[i / 2] = static_cast<uint8_t>((u8[i / 2] & ~(0xF << sh)) | (encode_e2m1(v) << sh));
      return;
    }
    default: return;
  }
}

bool is_signed_integer(DType t) {
  return t == DType::int8 || t == DType::int16 || t == DType::int32;
}

uint16_t f32_to_bf16_bits(float v) {
  const uint32_t b = f32_bits(v);
  if ((b & 0x7FFFFFFF) > 0x7F800000) return static_cast<uint16_t>((b >> 16) | 0x0040);  // quiet NaN
  // Adding 0x7FFF plus the lowest kept bit rounds to nearest even; a carry into the exponent
  // is the correct result, including overflow to inf.
  const uint32_t r = b + 0x7FFF + ((b >> 16) & 1);
  return static_cast<uint16_t>(r >> 16);
}

float bf16_bits_to_f32(uint16_t bits) {
  return bits_f32(static_cast<uint32_t>(bits) << 16);
}

uint16_t f32_to_f16_bits(float v) {
  return static_cast<uint16_t>(encode_mini(kF16, v));
}

float f16_bits_to_f32(uint16_t bits) {
  const uint32_t sign = static_cast<uint32_t>(bits & 0x8000) << 16;
  const uint32_t exp = (bits >> 10) & 0x1F;
  const uint32_t man = bits & 0x3FF;
  if (exp == 0) {
    const float mag = static_cast<float>(man) * 0x1p-24f;  // subnormal (or zero), exact
    return sign ? -mag : mag;
  }
  if (exp == 0x1F) return bits_f32(sign | 0x7F800000 | (man << 13));  // inf / NaN, payload kept
  return bits_f32(sign | ((exp + 112) << 23) | (man << 13));
}

float round_to_tf32(float v) {
  const uint32_t b = f32_bits(v);
  if ((b & 0x7FFFFFFF) > 0x7F800000) return bits_f32((b | 0x00400000) & ~0x1FFFu);  // quiet NaN
  const uint32_t r = (b + 0xFFF + ((b >> 13) & 1)) & ~0x1FFFu;
  return bits_f32(r);
}

float load_as_f32(DType t, const void* p) {
  const auto* u8 = static_cast<const uint8_t*>(p);
  switch (t) {
    case DType::float32:
    case DType::tfloat32: {
      float v;
      std::memcpy(&v, p, 4);
      return v;
    }
    case DType::bfloat16: {
      uint16_t b;
      std::memcpy(&b, p, 2);
      return bf16_bits_to_f32(b);
    }
    case DType::float16: {
      uint16_t b;
      std::memcpy(&b, p, 2);
      return f16_bits_to_f32(b);
    }
    case DType::float8_e4m3: return table_e4m3().v[*u8];
    case DType::float8_e4m3fn: return table_e4m3fn().v[*u8];
    case DType::float8_e5m2: return table_e5m2().v[*u8];
    case DType::float8_e8m0fnu: return decode_e8m0(*u8);
    case DType::float8_e5m2_x4:
    case DType::float8_e4m3fn_x4:
    case DType::float4_e2m1fn_x4: return std::numeric_limits<float>::quiet_NaN();
    case DType::int8: return load_int<int8_t>(p);
    case DType::int16: return load_int<int16_t>(p);
    case DType::int32: return load_int<int32_t>(p);
    case DType::uint8: return load_int<uint8_t>(p);
    case DType::uint16: return load_int<uint16_t>(p);
    case DType::uint32: return load_int<uint32_t>(p);
    case DType::bool_: return *u8 != 0 ? 1.0f : 0.0f;
  }
  return 0.0f;
}

void store_from_f32(DType t, float v, void* p) {
  auto* u8 = static_cast<uint8_t*>(p);
  switch (t) {
    case DType::float32: std::memcpy(p, &v, 4); return;
    case DType::tfloat32: {
      const float r = round_to_tf32(v);
      std::memcpy(p, &r, 4);
      return;
    }
    case DType::bfloat16: {
      const uint16_t b = f32_to_bf16_bits(v);
      std::memcpy(p, &b, 2);
      return;
    }
    case DType::float16: {
      const uint16_t b = f32_to_f16_bits(v);
      std::memcpy(p, &b, 2);
      return;
    }
    case DType::float8_e4m3: *u8 = static_cast<uint8_t>(encode_mini(kE4M3, v)); return;
    case DType::float8_e4m3fn: *u8 = static_cast<uint8_t>(encode_mini(kE4M3FN, v)); return;
    case DType::float8_e5m2: *u8 = static_cast<uint8_t>(encode_mini(kE5M2, v)); return;
    case DType::float8_e8m0fnu: *u8 = encode_e8m0(v); return;
    case DType::float8_e5m2_x4:
    case DType::float8_e4m3fn_x4:
    case DType::float4_e2m1fn_x4:
      for (int i = 0; i < 4; ++i) store_packed_mx(t, v, p, i);
      return;
    case DType::int8: store_int<int8_t>(v, p); return;
    case DType::int16: store_int<int16_t>(v, p); return;
    case DType::int32: store_int<int32_t>(v, p); return;
    case DType::uint8: store_int<uint8_t>(v, p); return;
    case DType::uint16: store_int<uint16_t>(v, p); return;
    case DType::uint32: store_int<uint32_t>(v, p); return;
    case DType::bool_: *u8 = v != 0.0f || std::isnan(v) ? 1 : 0; return;
  }
}

uint32_t load_bits32(DType t, const void* p) {
  const auto* u8 = static_cast<const uint8_t*>(p);
  switch (t) {
    case DType::int8: return static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(*u8)));
    case DType::int16: {
      int16_t x;
      std::memcpy(&x, p, 2);
      return static_cast<uint32_t>(static_cast<int32_t>(x));
    }
    default: break;
  }
  uint32_t x = 0;
  std::memcpy(&x, p, static_cast<size_t>(dtype_size(t)));  // little-endian: zero-extends
  return x;
}

void store_bits32(DType t, uint32_t v, void* p) {
  std::memcpy(p, &v, static_cast<size_t>(dtype_size(t)));
}

}  // namespace nki

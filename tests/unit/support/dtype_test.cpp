// dtype conversions: bf16/fp16/tf32/fp8 round-to-nearest-even (ties, NaN, inf, overflow,
// subnormals, signed zero), integer saturation, and the name tables.
#include "support/dtype.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace nki {
namespace {

float f(uint32_t bits) {
  float v;
  std::memcpy(&v, &bits, 4);
  return v;
}

uint32_t bits(float v) {
  uint32_t b;
  std::memcpy(&b, &v, 4);
  return b;
}

const float kInf = std::numeric_limits<float>::infinity();
const float kNaN = std::numeric_limits<float>::quiet_NaN();

uint8_t store8(DType t, float v) {
  uint8_t b = 0;
  store_from_f32(t, v, &b);
  return b;
}

float load8(DType t, uint8_t b) {
  return load_as_f32(t, &b);
}

TEST(DTypeNames, SizesNamesAndParsing) {
  EXPECT_EQ(dtype_size(DType::float32), 4);
  EXPECT_EQ(dtype_size(DType::bfloat16), 2);
  EXPECT_EQ(dtype_size(DType::tfloat32), 4);
  EXPECT_EQ(dtype_size(DType::float8_e5m2), 1);
  EXPECT_EQ(dtype_size(DType::uint16), 2);
  EXPECT_EQ(dtype_size(DType::bool_), 1);
  EXPECT_EQ(dtype_name(DType::bfloat16), "bfloat16");
  EXPECT_EQ(dtype_short_name(DType::float8_e4m3fn), "f8e4m3fn");
  EXPECT_EQ(dtype_short_name(DType::bool_), "bool");
  EXPECT_EQ(parse_dtype("bf16"), DType::bfloat16);
  EXPECT_EQ(parse_dtype("bfloat16"), DType::bfloat16);
  EXPECT_EQ(parse_dtype("bool_"), DType::bool_);
  EXPECT_EQ(parse_dtype("bool"), DType::bool_);
  EXPECT_EQ(parse_dtype("u32"), DType::uint32);
  EXPECT_FALSE(parse_dtype("float64").has_value());
  EXPECT_FALSE(parse_dtype("").has_value());
  EXPECT_TRUE(is_float(DType::tfloat32));
  EXPECT_FALSE(is_float(DType::int8));
  EXPECT_TRUE(is_integer(DType::bool_));
  EXPECT_TRUE(is_signed_integer(DType::int16));
  EXPECT_FALSE(is_signed_integer(DType::uint32));
}

TEST(BFloat16, RoundsToNearestEven) {
  EXPECT_EQ(f32_to_bf16_bits(1.0f), 0x3F80);
  EXPECT_EQ(f32_to_bf16_bits(f(0x3F808000)), 0x3F80);  // tie, even stays
  EXPECT_EQ(f32_to_bf16_bits(f(0x3F818000)), 0x3F82);  // tie, odd rounds up
  EXPECT_EQ(f32_to_bf16_bits(f(0x3F808001)), 0x3F81);  // above the tie
  EXPECT_EQ(f32_to_bf16_bits(f(0x3F807FFF)), 0x3F80);  // below the tie
  EXPECT_EQ(f32_to_bf16_bits(f(0xBF818000)), 0xBF82);  // negative tie
  EXPECT_EQ(f32_to_bf16_bits(f(0x3FFF8000)), 0x4000);  // mantissa carry into the exponent
}

TEST(BFloat16, SpecialValues) {
  EXPECT_EQ(f32_to_bf16_bits(0.0f), 0x0000);
  EXPECT_EQ(f32_to_bf16_bits(-0.0f), 0x8000);
  EXPECT_EQ(f32_to_bf16_bits(kInf), 0x7F80);
  EXPECT_EQ(f32_to_bf16_bits(-kInf), 0xFF80);
  EXPECT_EQ(f32_to_bf16_bits(kNaN), 0x7FC0);
  EXPECT_EQ(f32_to_bf16_bits(f(0x7F800001)), 0x7FC0);  // signalling NaN with a low payload
  EXPECT_EQ(f32_to_bf16_bits(f(0xFF800001)), 0xFFC0);
  EXPECT_TRUE(std::isnan(bf16_bits_to_f32(f32_to_bf16_bits(f(0x7F800001)))));
  // Overflow: FLT_MAX rounds up to inf; the largest finite bf16 survives.
  EXPECT_EQ(f32_to_bf16_bits(std::numeric_limits<float>::max()), 0x7F80);
  EXPECT_EQ(f32_to_bf16_bits(f(0x7F7F7FFF)), 0x7F7F);
  EXPECT_EQ(f32_to_bf16_bits(f(0x7F7F8000)), 0x7F80);  // tie at the top, odd -> inf
  // Subnormals: plain RNE on the bits.
  EXPECT_EQ(f32_to_bf16_bits(f(0x00008000)), 0x0000);
  EXPECT_EQ(f32_to_bf16_bits(f(0x00018000)), 0x0002);
  EXPECT_EQ(f32_to_bf16_bits(f(0x00010001)), 0x0001);
  EXPECT_EQ(bits(bf16_bits_to_f32(0x8000)), 0x80000000u);
  EXPECT_EQ(bf16_bits_to_f32(0x3F80), 1.0f);
}

TEST(BFloat16, EveryPatternRoundTrips) {
  for (uint32_t b = 0; b < 0x10000; ++b) {
    const float v = bf16_bits_to_f32(static_cast<uint16_t>(b));
    if (std::isnan(v)) continue;
    ASSERT_EQ(f32_to_bf16_bits(v), b) << std::hex << b;
  }
}

TEST(Float16, RoundsToNearestEven) {
  EXPECT_EQ(f32_to_f16_bits(1.0f), 0x3C00);
  EXPECT_EQ(f32_to_f16_bits(-2.0f), 0xC000);
  EXPECT_EQ(f32_to_f16_bits(1.0f + 0x1p-11f), 0x3C00);      // tie, even
  EXPECT_EQ(f32_to_f16_bits(1.0f + 3 * 0x1p-11f), 0x3C02);  // tie, odd rounds up
  EXPECT_EQ(f32_to_f16_bits(1.0f + 0x1p-11f + 0x1p-20f), 0x3C01);
  EXPECT_EQ(f32_to_f16_bits(0.1f), 0x2E66);
}

TEST(Float16, OverflowAndSpecials) {
  EXPECT_EQ(f32_to_f16_bits(65504.0f), 0x7BFF);
  EXPECT_EQ(f32_to_f16_bits(65519.0f), 0x7BFF);
  EXPECT_EQ(f32_to_f16_bits(65520.0f), 0x7C00);  // tie above max -> inf
  EXPECT_EQ(f32_to_f16_bits(1e6f), 0x7C00);
  EXPECT_EQ(f32_to_f16_bits(-1e6f), 0xFC00);
  EXPECT_EQ(f32_to_f16_bits(kInf), 0x7C00);
  EXPECT_EQ(f32_to_f16_bits(-kInf), 0xFC00);
  EXPECT_EQ(f32_to_f16_bits(kNaN), 0x7E00);
  EXPECT_EQ(f32_to_f16_bits(-kNaN), 0xFE00);
  EXPECT_EQ(f32_to_f16_bits(-0.0f), 0x8000);
  EXPECT_EQ(f32_to_f16_bits(std::numeric_limits<float>::denorm_min()), 0x0000);
  EXPECT_EQ(f32_to_f16_bits(-std::numeric_limits<float>::denorm_min()), 0x8000);
  EXPECT_TRUE(std::isinf(f16_bits_to_f32(0x7C00)));
  EXPECT_TRUE(std::isnan(f16_bits_to_f32(0x7E00)));
  EXPECT_TRUE(std::isnan(f16_bits_to_f32(0x7C01)));
  EXPECT_EQ(bits(f16_bits_to_f32(0x8000)), 0x80000000u);
}

TEST(Float16, Subnormals) {
  EXPECT_EQ(f32_to_f16_bits(0x1p-24f), 0x0001);  // smallest subnormal
  EXPECT_EQ(f32_to_f16_bits(0x1p-25f), 0x0000);  // tie with zero -> even
  EXPECT_EQ(f32_to_f16_bits(1.5f * 0x1p-25f), 0x0001);
  EXPECT_EQ(f32_to_f16_bits(3 * 0x1p-25f), 0x0002);        // tie 1|2 -> 2
  EXPECT_EQ(f32_to_f16_bits(5 * 0x1p-25f), 0x0002);        // tie 2|3 -> 2
  EXPECT_EQ(f32_to_f16_bits(1023 * 0x1p-24f), 0x03FF);     // largest subnormal
  EXPECT_EQ(f32_to_f16_bits(1023.5f * 0x1p-24f), 0x0400);  // tie -> smallest normal
  EXPECT_EQ(f32_to_f16_bits(0x1p-14f), 0x0400);
  EXPECT_EQ(f16_bits_to_f32(0x0001), 0x1p-24f);
  EXPECT_EQ(f16_bits_to_f32(0x03FF), 1023 * 0x1p-24f);
}

TEST(Float16, EveryPatternRoundTrips) {
  for (uint32_t b = 0; b < 0x10000; ++b) {
    const float v = f16_bits_to_f32(static_cast<uint16_t>(b));
    if (std::isnan(v)) continue;
    ASSERT_EQ(f32_to_f16_bits(v), b) << std::hex << b;
  }
}

TEST(TFloat32, RoundsTo10MantissaBits) {
  EXPECT_EQ(round_to_tf32(1.0f), 1.0f);
  EXPECT_EQ(round_to_tf32(1.0f + 0x1p-11f), 1.0f);                // tie, even
  EXPECT_EQ(round_to_tf32(1.0f + 3 * 0x1p-11f), 1.0f + 0x1p-9f);  // tie, odd up
  EXPECT_EQ(round_to_tf32(1.0f + 0x1p-11f + 0x1p-23f), 1.0f + 0x1p-10f);
  EXPECT_EQ(bits(round_to_tf32(f(0x3F801FFF))) & 0x1FFF, 0u);
  EXPECT_TRUE(std::isinf(round_to_tf32(std::numeric_limits<float>::max())));
  EXPECT_TRUE(std::isnan(round_to_tf32(f(0x7F800001))));
  EXPECT_EQ(round_to_tf32(-kInf), -kInf);
  EXPECT_EQ(bits(round_to_tf32(-0.0f)), 0x80000000u);
  // Stored through store_from_f32, the container keeps the rounded value.
  float out = 0;
  store_from_f32(DType::tfloat32, 1.0f + 3 * 0x1p-11f, &out);
  EXPECT_EQ(out, 1.0f + 0x1p-9f);
}

TEST(Float8, E4M3Ieee) {
  const DType t = DType::float8_e4m3;
  EXPECT_EQ(store8(t, 1.0f), 0x38);
  EXPECT_EQ(store8(t, -1.0f), 0xB8);
  EXPECT_EQ(store8(t, 240.0f), 0x77);  // max finite
  EXPECT_EQ(store8(t, 244.0f), 0x77);
  EXPECT_EQ(store8(t, 248.0f), 0x78);  // tie above max, odd -> inf
  EXPECT_EQ(store8(t, kInf), 0x78);
  EXPECT_EQ(store8(t, -kInf), 0xF8);
  EXPECT_EQ(store8(t, kNaN), 0x7C);
  EXPECT_EQ(store8(t, 0x1p-9f), 0x01);   // smallest subnormal
  EXPECT_EQ(store8(t, 0x1p-10f), 0x00);  // tie with zero
  EXPECT_EQ(store8(t, 1.0625f), 0x38);   // 1 + 1/16: tie between 1 and 1.125 -> even
  EXPECT_EQ(store8(t, 1.1875f), 0x3A);   // 1 + 3/16: tie -> 1.25
  EXPECT_TRUE(std::isinf(load8(t, 0x78)));
  EXPECT_TRUE(std::isnan(load8(t, 0x79)));
  EXPECT_EQ(load8(t, 0x77), 240.0f);
  EXPECT_EQ(load8(t, 0x01), 0x1p-9f);
}

TEST(Float8, E4M3FnOcp) {
  const DType t = DType::float8_e4m3fn;
  EXPECT_EQ(store8(t, 1.0f), 0x38);
  EXPECT_EQ(store8(t, 448.0f), 0x7E);  // max finite
  EXPECT_EQ(store8(t, 464.0f), 0x7E);  // tie 448|480: even mantissa 110 -> 448
  EXPECT_EQ(store8(t, 465.0f), 0x7F);  // overflow -> NaN (no inf)
  EXPECT_EQ(store8(t, -1000.0f), 0xFF);
  EXPECT_EQ(store8(t, kInf), 0x7F);
  EXPECT_EQ(store8(t, kNaN), 0x7F);
  EXPECT_EQ(load8(t, 0x78), 256.0f);  // exponent 1111 is finite in fn formats
  EXPECT_EQ(load8(t, 0x7E), 448.0f);
  EXPECT_TRUE(std::isnan(load8(t, 0x7F)));
  EXPECT_TRUE(std::isnan(load8(t, 0xFF)));
}

TEST(Float8, E5M2Ieee) {
  const DType t = DType::float8_e5m2;
  EXPECT_EQ(store8(t, 1.0f), 0x3C);
  EXPECT_EQ(store8(t, 57344.0f), 0x7B);
  EXPECT_EQ(store8(t, 61440.0f), 0x7C);  // tie above max -> inf
  EXPECT_EQ(store8(t, kInf), 0x7C);
  EXPECT_EQ(store8(t, kNaN), 0x7E);
  EXPECT_EQ(store8(t, 0x1p-16f), 0x01);
  EXPECT_EQ(store8(t, -0.0f), 0x80);
  EXPECT_TRUE(std::isnan(load8(t, 0x7D)));
  EXPECT_EQ(load8(t, 0x7B), 57344.0f);
}

TEST(Float8, EveryPatternRoundTrips) {
  for (DType t : {DType::float8_e4m3, DType::float8_e4m3fn, DType::float8_e5m2}) {
    for (int b = 0; b < 256; ++b) {
      const float v = load8(t, static_cast<uint8_t>(b));
      if (std::isnan(v)) continue;
      ASSERT_EQ(store8(t, v), b) << dtype_name(t) << " " << b;
    }
  }
}

template <typename T>
T store_int(DType t, float v) {
  T x{};
  store_from_f32(t, v, &x);
  return x;
}

TEST(Integers, RoundHalfEvenAndSaturate) {
  EXPECT_EQ(store_int<int8_t>(DType::int8, 2.5f), 2);
  EXPECT_EQ(store_int<int8_t>(DType::int8, 3.5f), 4);
  EXPECT_EQ(store_int<int8_t>(DType::int8, -2.5f), -2);
  EXPECT_EQ(store_int<int8_t>(DType::int8, -2.6f), -3);
  EXPECT_EQ(store_int<int8_t>(DType::int8, 127.5f), 127);
  EXPECT_EQ(store_int<int8_t>(DType::int8, -200.0f), -128);
  EXPECT_EQ(store_int<int8_t>(DType::int8, kNaN), 0);
  EXPECT_EQ(store_int<int8_t>(DType::int8, kInf), 127);
  EXPECT_EQ(store_int<int8_t>(DType::int8, -kInf), -128);
  EXPECT_EQ(store_int<uint8_t>(DType::uint8, -1.0f), 0);
  EXPECT_EQ(store_int<uint8_t>(DType::uint8, 254.5f), 254);
  EXPECT_EQ(store_int<uint8_t>(DType::uint8, 255.5f), 255);
  EXPECT_EQ(store_int<int16_t>(DType::int16, 40000.0f), 32767);
  EXPECT_EQ(store_int<uint16_t>(DType::uint16, 70000.0f), 65535);
  EXPECT_EQ(store_int<int32_t>(DType::int32, 3e9f), INT32_MAX);
  EXPECT_EQ(store_int<int32_t>(DType::int32, -3e9f), INT32_MIN);
  EXPECT_EQ(store_int<int32_t>(DType::int32, 2147483520.0f), 2147483520);
  EXPECT_EQ(store_int<int32_t>(DType::int32, kNaN), 0);
  EXPECT_EQ(store_int<uint32_t>(DType::uint32, 4294967296.0f), UINT32_MAX);
  EXPECT_EQ(store_int<uint32_t>(DType::uint32, 0.5f), 0u);
  EXPECT_EQ(store_int<uint32_t>(DType::uint32, 1.5f), 2u);
}

TEST(Integers, BoolAndLoads) {
  EXPECT_EQ(store_int<uint8_t>(DType::bool_, 0.0f), 0);
  EXPECT_EQ(store_int<uint8_t>(DType::bool_, -0.0f), 0);
  EXPECT_EQ(store_int<uint8_t>(DType::bool_, 0.25f), 1);
  EXPECT_EQ(store_int<uint8_t>(DType::bool_, -7.0f), 1);
  EXPECT_EQ(store_int<uint8_t>(DType::bool_, kNaN), 1);
  const int32_t big = 16777217;  // 2^24 + 1: not an fp32, rounds to even
  EXPECT_EQ(load_as_f32(DType::int32, &big), 16777216.0f);
  const uint32_t umax = UINT32_MAX;
  EXPECT_EQ(load_as_f32(DType::uint32, &umax), 4294967296.0f);
  const int8_t m5 = -5;
  EXPECT_EQ(load_as_f32(DType::int8, &m5), -5.0f);
  const uint16_t u = 65535;
  EXPECT_EQ(load_as_f32(DType::uint16, &u), 65535.0f);
  const uint8_t four = 4;
  EXPECT_EQ(load_as_f32(DType::bool_, &four), 1.0f);
}

TEST(Conversions, LoadStoreAgreeWithScalarFunctions) {
  uint16_t b = 0;
  store_from_f32(DType::bfloat16, 3.14159f, &b);
  EXPECT_EQ(b, f32_to_bf16_bits(3.14159f));
  EXPECT_EQ(load_as_f32(DType::bfloat16, &b), bf16_bits_to_f32(b));
  store_from_f32(DType::float16, 3.14159f, &b);
  EXPECT_EQ(b, f32_to_f16_bits(3.14159f));
  EXPECT_EQ(load_as_f32(DType::float16, &b), f16_bits_to_f32(b));
  float x = 0;
  store_from_f32(DType::float32, -1.5f, &x);
  EXPECT_EQ(load_as_f32(DType::float32, &x), -1.5f);
}

// ---- trn3 MX dtypes ----

TEST(DTypeMx, SizesNamesAndClasses) {
  EXPECT_EQ(dtype_size(DType::float8_e8m0fnu), 1);
  EXPECT_EQ(dtype_size(DType::float8_e5m2_x4), 4);
  EXPECT_EQ(dtype_size(DType::float8_e4m3fn_x4), 4);
  EXPECT_EQ(dtype_size(DType::float4_e2m1fn_x4), 2);
  EXPECT_EQ(parse_dtype("float8_e8m0fnu"), DType::float8_e8m0fnu);
  EXPECT_EQ(parse_dtype("f4e2m1x4"), DType::float4_e2m1fn_x4);
  EXPECT_TRUE(is_float(DType::float8_e8m0fnu));
  for (DType t : {DType::float8_e5m2_x4, DType::float8_e4m3fn_x4, DType::float4_e2m1fn_x4}) {
    EXPECT_TRUE(is_packed_mx(t));
    EXPECT_FALSE(is_float(t));
    EXPECT_FALSE(is_integer(t));
  }
  EXPECT_FALSE(is_packed_mx(DType::uint32));
}

TEST(DTypeMx, E8m0IsAPowerOfTwo) {
  auto enc = [](float v) {
    uint8_t b = 0;
    store_from_f32(DType::float8_e8m0fnu, v, &b);
    return static_cast<int>(b);
  };
  EXPECT_EQ(enc(1.0f), 127);
  EXPECT_EQ(enc(1.4999999f), 127);
  EXPECT_EQ(enc(1.5f), 128);  // the tie goes up
  EXPECT_EQ(enc(0.25f), 125);
  EXPECT_EQ(enc(0.0f), 0);
  EXPECT_EQ(enc(-2.0f), 255);
  EXPECT_EQ(enc(std::ldexp(1.0f, 127)), 254);
  EXPECT_EQ(enc(std::ldexp(1.5f, 127)), 255);  // 2^128 does not exist: NaN
  uint8_t b = 0;
  EXPECT_EQ(load_as_f32(DType::float8_e8m0fnu, &b), std::ldexp(1.0f, -127));
  b = 254;
  EXPECT_EQ(load_as_f32(DType::float8_e8m0fnu, &b), std::ldexp(1.0f, 127));
  b = 255;
  EXPECT_TRUE(std::isnan(load_as_f32(DType::float8_e8m0fnu, &b)));
}

TEST(DTypeMx, PackedValuesByPosition) {
  uint8_t w[4] = {0x38, 0xB8, 0x00, 0x7F};  // e4m3fn: 1.0, -1.0, 0, NaN
  EXPECT_EQ(load_packed_mx(DType::float8_e4m3fn_x4, w, 0), 1.0f);
  EXPECT_EQ(load_packed_mx(DType::float8_e4m3fn_x4, w, 1), -1.0f);
  EXPECT_EQ(load_packed_mx(DType::float8_e4m3fn_x4, w, 2), 0.0f);
  EXPECT_TRUE(std::isnan(load_packed_mx(DType::float8_e4m3fn_x4, w, 3)));
  EXPECT_EQ(load_packed_mx(DType::float8_e5m2_x4, w, 0), 0.5f);  // e5m2 0x38 = 2^-1
  uint8_t f4[2] = {0x00, 0x00};
  const float in[4] = {6.0f, -0.75f, 2.5f,
                       100.0f};  // 0.75 ties to 1.0 (even code), 2.5 to 2.0, 100 saturates
  const float want[4] = {6.0f, -1.0f, 2.0f, 6.0f};
  for (int i = 0; i < 4; ++i) store_packed_mx(DType::float4_e2m1fn_x4, in[i], f4, i);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(load_packed_mx(DType::float4_e2m1fn_x4, f4, i), want[i]) << i;
  EXPECT_EQ(f4[0], 0xA7);  // value 0 (code 7) in the low nibble, value 1 (-1.0 = code 0xA) in the high one
  EXPECT_TRUE(std::isnan(load_as_f32(DType::float8_e4m3fn_x4, w)));  // no single value
}

}  // namespace
}  // namespace nki

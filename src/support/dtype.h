// NKI data types: names, sizes, and the exact conversions the hardware performs. Engines compute
// in fp32; every write rounds fp32 to the destination dtype (round to nearest even for floats;
// round to nearest even and saturate for integers; NaN to 0 for integers).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nki {

// X(enum name, NKI name (nl.<name>), bytes, numpy dtype string or "" if NumPy has none)
#define NKI_DTYPES(X)                            \
  X(float32, "float32", 4, "float32")            \
  X(bfloat16, "bfloat16", 2, "")                 \
  X(float16, "float16", 2, "float16")            \
  X(tfloat32, "tfloat32", 4, "")                 \
  X(float8_e4m3, "float8_e4m3", 1, "")           \
  X(float8_e4m3fn, "float8_e4m3fn", 1, "")       \
  X(float8_e5m2, "float8_e5m2", 1, "")           \
  X(float8_e8m0fnu, "float8_e8m0fnu", 1, "")     \
  X(float8_e5m2_x4, "float8_e5m2_x4", 4, "")     \
  X(float8_e4m3fn_x4, "float8_e4m3fn_x4", 4, "") \
  X(float4_e2m1fn_x4, "float4_e2m1fn_x4", 2, "") \
  X(int8, "int8", 1, "int8")                     \
  X(int16, "int16", 2, "int16")                  \
  X(int32, "int32", 4, "int32")                  \
  X(uint8, "uint8", 1, "uint8")                  \
  X(uint16, "uint16", 2, "uint16")               \
  X(uint32, "uint32", 4, "uint32")               \
  X(bool_, "bool_", 1, "bool")

enum class DType : uint8_t {
#define X(e, name, size, np) e,
  NKI_DTYPES(X)
#undef X
};

int dtype_size(DType t);
// The NKI name: "float32", "bfloat16", ...
std::string_view dtype_name(DType t);
// Short name used in the IR text: f32, bf16, f16, tf32, f8e4m3, f8e4m3fn, f8e5m2, i8, ..., bool.
std::string_view dtype_short_name(DType t);
// Parses an NKI name or IR short name ("bfloat16" or "bf16"); nullopt if unknown.
std::optional<DType> parse_dtype(std::string_view name);
bool is_float(DType t);
bool is_integer(DType t);  // includes bool_
bool is_signed_integer(DType t);
// The packed MX (trn3) storage dtypes: four fp8 (float8_e5m2_x4, float8_e4m3fn_x4) or fp4
// (float4_e2m1fn_x4) values in one element. They are neither float nor integer: engines only
// move them (DMA, memset 0) or read/write them in nc_matmul_mx / quantize_mx.
bool is_packed_mx(DType t);
// One of the 4 values of a packed MX element (value i in bits [i*w, (i+1)*w), w = 8 or 4,
// little-endian), as fp32; and its store from fp32 (RNE; fp4 e2m1 saturates to +-6, NaN -> 0;
// fp8 as float8_e5m2 / float8_e4m3fn).
float load_packed_mx(DType t, const void* p, int i);
void store_packed_mx(DType t, float v, void* p, int i);

// float8_e8m0fnu is an unsigned power of two 2^(bits - 127), bits 0..254; 0xFF is NaN. From fp32 it
// rounds to the nearest power of two (ties, i.e. 1.5 * 2^e, up); zero and values below 2^-127
// give 2^-127 (0x00), negative values, inf and NaN give NaN (0xFF).
//
// Reads one element stored at `p` (little-endian) as fp32. Packed MX dtypes have no single value:
// they read as NaN (see load_packed_mx). Integers convert exactly where fp32
// can represent them, else round to nearest even.
float load_as_f32(DType t, const void* p);
// Writes fp32 `v` to `p` converted to `t`: floats round to nearest even (NaN stays NaN,
// overflow to inf where the format has one, else to NaN/max per the format's rules); integers
// round to nearest even and saturate, NaN becomes 0; bool_ stores 1 for non-zero. Packed MX
// dtypes store v in all four of their values.
void store_from_f32(DType t, float v, void* p);

// Raw integer access for the bit-vector operators: the element's integer value as a 32-bit
// two's complement word (signed dtypes sign-extend, unsigned and bool zero-extend; float dtypes
// give their raw bits, zero-extended), and the store of a word's low dtype_size(t) bytes.
uint32_t load_bits32(DType t, const void* p);
void store_bits32(DType t, uint32_t v, void* p);

// Scalar conversions used by the above and by tests.
uint16_t f32_to_bf16_bits(float v);
float bf16_bits_to_f32(uint16_t bits);
uint16_t f32_to_f16_bits(float v);
float f16_bits_to_f32(uint16_t bits);
// fp32 rounded to tf32 precision (10 mantissa bits), kept in a 4-byte container.
float round_to_tf32(float v);

}  // namespace nki

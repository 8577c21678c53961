// memset: every element of dst = value. Float dtypes round the value (as fp32) to the dtype;
// integer dtypes take integer values exactly, round non-integers to nearest even and saturate.
#include <cmath>
#include <cstring>
#include <limits>

#include "sim/semantics/common.h"

namespace nki::sim {

namespace {

// The bytes of integer `v` stored as integer dtype `t`, saturated to its range.
std::vector<uint8_t> integer_element(DType t, int64_t v) {
  std::vector<uint8_t> e(static_cast<size_t>(dtype_size(t)));
  int64_t lo = 0, hi = 0;
  switch (t) {
    case DType::int8:
      lo = INT8_MIN;
      hi = INT8_MAX;
      break;
    case DType::int16:
      lo = INT16_MIN;
      hi = INT16_MAX;
      break;
    case DType::int32:
      lo = INT32_MIN;
      hi = INT32_MAX;
      break;
    case DType::uint8: hi = UINT8_MAX; break;
    case DType::uint16: hi = UINT16_MAX; break;
    case DType::uint32: hi = UINT32_MAX; break;
    default:
      lo = 0;
      hi = 1;
      v = v != 0;
      break;  // bool_
  }
  v = v < lo ? lo : (v > hi ? hi : v);
  // Little-endian: the low bytes of the two's complement value are the element.
  const uint64_t u = static_cast<uint64_t>(v);
  for (size_t i = 0; i < e.size(); ++i) e[i] = static_cast<uint8_t>(u >> (8 * i));
  return e;
}

}  // namespace

void exec_memset(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::memset);
  const Walk dst = m.walk(inst, R("dst"));
  const AttrValue* value = inst.find_attr("value");
  if (value == nullptr) throw InternalError("memset without a value attribute");
  std::vector<uint8_t> elem(static_cast<size_t>(dst.esize));
  if (const int64_t* i = std::get_if<int64_t>(value)) {
    if (is_integer(dst.dtype))
      elem = integer_element(dst.dtype, *i);
    else
      store_from_f32(dst.dtype, static_cast<float>(*i), elem.data());
  } else if (const double* d = std::get_if<double>(value)) {
    if (is_integer(dst.dtype) && dst.dtype != DType::bool_) {
      // Through double, not fp32, so large int32 values stay exact.
      const double r = std::isnan(*d) ? 0.0 : std::nearbyint(*d);
      const double c = std::fmax(-9.0e18, std::fmin(9.0e18, r));
      elem = integer_element(dst.dtype, static_cast<int64_t>(c));
    } else {
      store_from_f32(dst.dtype, static_cast<float>(*d), elem.data());
    }
  } else if (const bool* b = std::get_if<bool>(value)) {
    store_from_f32(dst.dtype, *b ? 1.0f : 0.0f, elem.data());
  } else {
    throw UserError("memset value must be a number");
  }
  m.fill(dst, elem.data());
}

}  // namespace nki::sim

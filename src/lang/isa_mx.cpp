// nki.isa instructions of NeuronCore-v4 (trn3) that nki-library uses (nki-api.md §7.2, §7.3):
// exponential (Vector, exp(src - max_value) with the shared accumulator) and quantize_mx
// (bf16/f16 -> packed fp8 x4 + e8m0 scales) on the Vector engine, and nc_matmul_mx (the Tensor
// engine's MXFP8/MXFP4 matmul with dequantizing scales). Each builtin binds its arguments and emits one
// instruction in ops.def role order; the verify pass checks the target and the hardware rules.
#include "lang/isa_common.h"

namespace nki::lang::isa {

void define_mx_instructions(const Define& def) {
  def("exponential", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.exponential",
                {"dst", "src", "max_value=", "reduce_res=", "reduce_cmd=", "reduce_init=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), src = tensor_operand(in, b, "src");
    Operand mx = scalar_or_tensor(in, b, "max_value");
    if (mx.is_none()) mx = Operand::immediate(0.0);
    Operand res = optional_tensor(in, b, "reduce_res");
    Operand init = scalar_or_tensor(in, b, "reduce_init");
    std::string cmd = enum_arg(in, b, "reduce_cmd", "reduce_cmd");
    Instruction& inst = in.emit(Opcode::exponential, a.loc);
    bind_operands(
        inst, {{"dst", dst}, {"src", src}, {"max_value", mx}, {"reduce_res", res}, {"reduce_init", init}});
    inst.set_attr("reduce_cmd", cmd.empty() ? "idle" : cmd);
    return finish(in, b, inst, false);
  });
  def("nc_matmul_mx", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.nc_matmul_mx",
                {"dst", "stationary", "moving", "stationary_scale", "moving_scale",
                 "tile_position=", "tile_size=", "accumulate=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), st = tensor_operand(in, b, "stationary"),
            mv = tensor_operand(in, b, "moving"), ss = tensor_operand(in, b, "stationary_scale"),
            ms = tensor_operand(in, b, "moving_scale");
    MatmulTiling tiling = matmul_tiling(in, b);
    std::string acc = matmul_accumulate(in, b);
    Instruction& inst = in.emit(Opcode::nc_matmul_mx, a.loc);
    bind_operands(
        inst,
        {{"dst", dst}, {"stationary", st}, {"moving", mv}, {"stationary_scale", ss}, {"moving_scale", ms}});
    inst.set_attr("accumulate", acc);
    set_matmul_tiling(inst, tiling);
    return finish(in, b, inst, false);
  });
}

}  // namespace nki::lang::isa

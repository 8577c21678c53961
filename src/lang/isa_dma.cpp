// The DMA instructions beyond dma_copy (nki-api.md §7.8): dma_transpose and dma_compute. Argument
// types are checked here; the hardware rules (shapes, dtypes, DGE modes, read-modify-write forms)
// in verify_dma.cpp.
#include <fmt/format.h>

#include "lang/isa_common.h"
#include "support/diagnostics.h"

namespace nki::lang::isa {

void define_dma_instructions(const Define& def) {
  def("dma_transpose", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.dma_transpose",
                {"dst", "src", "axes=", "priority=", "dge_mode=", "oob_mode=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), src = tensor_operand(in, b, "src");
    reject_unsupported(in, b, "priority", "DMA priorities are a trn3 feature");
    Instruction& inst = in.emit(Opcode::dma_transpose, a.loc);
    bind_operands(inst, {{"dst", dst}, {"src", src}});
    if (const Value* v = b.get("axes"); v && !v->is_none()) {
      if (v->kind != VKind::Tuple && v->kind != VKind::List)
        in.fail(a.loc, "nisa.dma_transpose(): axes must be a tuple of ints, not " + to_repr(*v));
      std::string axes;
      for (const Value& x : v->as<SeqObj>().items)
        axes += (axes.empty() ? "" : ",") + std::to_string(to_int(in, x, "nisa.dma_transpose() axes", a.loc));
      inst.set_attr("axes", "[" + axes + "]");  // the printed list form (parse_int_list)
    }
    dma_modes(in, b, inst, false);
    return finish(in, b, inst, false);
  });
  def("dma_compute", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.dma_compute",
                {"dst", "srcs", "reduce_op", "scales=", "unique_indices=", "oob_mode=", "name="});
    Operand dst = tensor_operand(in, b, "dst");
    const Value& srcs = b.req("srcs");
    if (srcs.kind != VKind::Tuple && srcs.kind != VKind::List)
      in.fail(a.loc, "nisa.dma_compute(): srcs must be a list of tensors, not " + type_name(srcs));
    const auto& items = srcs.as<SeqObj>().items;
    if (items.empty() || items.size() > 16)
      in.fail(a.loc, fmt::format("nisa.dma_compute(): srcs must hold 1 to 16 tensors, got {}", items.size()));
    std::vector<Operand> ops = {dst};
    for (size_t i = 0; i < items.size(); ++i)
      ops.push_back(
          Operand::tensor(to_tensor(in, items[i], fmt::format("nisa.dma_compute() srcs[{}]", i), a.loc).ap));
    std::string op = op_value(in, b, "reduce_op");
    if (op != "add")
      in.fail(a.loc,
              fmt::format("nisa.dma_compute(): reduce_op must be nl.add (the only reduction the DMA engines "
                          "compute), not nl.{}",
                          op));
    if (const Value* v = b.get("scales"); v && !v->is_none()) {
      if (v->kind != VKind::Tuple && v->kind != VKind::List)
        in.fail(a.loc, "nisa.dma_compute(): scales must be a list of numbers, not " + type_name(*v));
      const auto& sc = v->as<SeqObj>().items;
      if (sc.size() != items.size())
        in.fail(a.loc,
                fmt::format("nisa.dma_compute(): scales has {} values for {} srcs", sc.size(), items.size()));
      for (const Value& x : sc)
        if (to_float(in, x, "nisa.dma_compute() scale", a.loc) != 1.0)
          in.fail(a.loc, fmt::format("nisa.dma_compute(): every scale must be 1.0, got {}", to_str(x)));
    }
    Instruction& inst = in.emit(Opcode::dma_compute, a.loc);
    inst.operands = std::move(ops);
    inst.operands.resize(op_info(Opcode::dma_compute).operands.size());  // absent roles: none
    inst.set_attr("reduce_op", op);
    if (const Value* v = b.get("unique_indices"); v && !v->is_none() && !flag(in, b, "unique_indices"))
      inst.set_attr("unique_indices", false);
    if (enum_arg(in, b, "oob_mode", "oob_mode") == "skip") inst.set_attr("oob_mode", std::string("skip"));
    return finish(in, b, inst, false);
  });
}

}  // namespace nki::lang::isa

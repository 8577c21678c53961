// nki.isa gather, sort-like and random-number instructions (nki-api.md §7.2, §7.7): max8,
// nc_find_index8, nc_match_replace8, nc_stream_shuffle, local_gather, nc_n_gather,
// nonzero_with_count, topk, rng, rand2, set_rng_seed, rand_set_state, rand_get_state.
// Signatures and defaults are those of the NKI 0.6 documentation; hardware rules (shapes,
// dtypes, generations) are checked by the verify pass (passes/verify_gather.cpp).
#include <fmt/format.h>

#include "lang/isa_common.h"

namespace nki::lang::isa {

namespace {

// A list/tuple of compile-time integers (nc_stream_shuffle's shuffle_mask), printed "[a,b,...]".
std::string int_list_arg(Interp& in, const ArgBinder& b, const std::string& arg) {
  const Value& v = b.req(arg);
  const std::string what = b.fname() + "() argument '" + arg + "'";
  if (v.kind != VKind::Tuple && v.kind != VKind::List)
    in.fail(b.loc(), what + " must be a list of integers, not " + type_name(v));
  std::string s = "[";
  bool first = true;
  for (const Value& x : v.as<SeqObj>().items) {
    s += (first ? "" : ",") + std::to_string(to_int(in, x, what, b.loc()));
    first = false;
  }
  return s + "]";
}

// Emits `op` with the given operands and returns the handle (engine= when `engine`).
Value emit(Interp& in, const ArgBinder& b, Opcode op, std::vector<Operand> operands, bool engine = false) {
  Instruction& inst = in.emit(op, b.loc());
  inst.operands = std::move(operands);
  return finish(in, b, inst, engine);
}

}  // namespace

void define_gather_instructions(const Define& def) {
  def("nc_stream_shuffle", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.nc_stream_shuffle", {"dst", "src", "shuffle_mask", "name="});
    Operand dst = tensor_operand(in, b, "dst"), src = tensor_operand(in, b, "src");
    std::string mask = int_list_arg(in, b, "shuffle_mask");
    Instruction& inst = in.emit(Opcode::nc_stream_shuffle, a.loc);
    bind_operands(inst, {{"dst", dst}, {"src", src}});
    inst.set_attr("shuffle_mask", mask);
    return finish(in, b, inst, false);
  });
  def("local_gather", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.local_gather",
                {"dst", "src_buffer", "index", "num_elem_per_idx=", "num_valid_indices=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), src = tensor_operand(in, b, "src_buffer"),
            index = tensor_operand(in, b, "index");
    Instruction& inst = in.emit(Opcode::local_gather, a.loc);
    bind_operands(inst, {{"dst", dst}, {"src_buffer", src}, {"index", index}});
    inst.set_attr("num_elem_per_idx", int_arg(in, b, "num_elem_per_idx", 1));
    // Absent: every index of the group's 16-partition slice (the verifier fills it in).
    if (const Value* v = b.get("num_valid_indices"); v && !v->is_none())
      inst.set_attr("num_valid_indices", int_arg(in, b, "num_valid_indices", 0));
    return finish(in, b, inst, false);
  });
  def("nonzero_with_count", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.nonzero_with_count", {"dst", "src", "index_offset=", "padding_val=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), src = tensor_operand(in, b, "src");
    Instruction& inst = in.emit(Opcode::nonzero_with_count, a.loc);
    bind_operands(inst, {{"dst", dst}, {"src", src}});
    inst.set_attr("index_offset", int_arg(in, b, "index_offset", 0));
    inst.set_attr("padding_val", int_arg(in, b, "padding_val", -1));
    return finish(in, b, inst, false);
  });
  def("rand2", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.rand2", {"dst", "min", "max", "name="});
    Operand dst = tensor_operand(in, b, "dst");
    Operand lo = scalar_or_tensor(in, b, "min"), hi = scalar_or_tensor(in, b, "max");
    if (lo.is_none() || hi.is_none())
      in.fail(a.loc, "nisa.rand2(): min and max must be numbers or [P,1] tensors, not None");
    return emit(in, b, Opcode::rand2, {dst, lo, hi});
  });
}

}  // namespace nki::lang::isa

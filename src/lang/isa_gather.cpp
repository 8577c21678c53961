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
  def("max8", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.max8", {"dst", "src", "name="});
    return emit(in, b, Opcode::max8, {tensor_operand(in, b, "dst"), tensor_operand(in, b, "src")});
  });
  def("nc_find_index8", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.nc_find_index8", {"dst", "data", "vals", "name="});
    return emit(in, b, Opcode::nc_find_index8,
                {tensor_operand(in, b, "dst"), tensor_operand(in, b, "data"), tensor_operand(in, b, "vals")});
  });
  def("nc_match_replace8", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.nc_match_replace8", {"dst", "data", "vals", "imm", "dst_idx=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), data = tensor_operand(in, b, "data"),
            vals = tensor_operand(in, b, "vals"), idx = optional_tensor(in, b, "dst_idx");
    const double imm = to_float(in, b.req("imm"), "nisa.nc_match_replace8() argument 'imm'", a.loc);
    Instruction& inst = in.emit(Opcode::nc_match_replace8, a.loc);
    inst.operands = {dst, data, vals, idx};
    inst.set_attr("imm", imm);
    return finish(in, b, inst, false);
  });
  def("nc_stream_shuffle", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.nc_stream_shuffle", {"dst", "src", "shuffle_mask", "name="});
    Operand dst = tensor_operand(in, b, "dst"), src = tensor_operand(in, b, "src");
    std::string mask = int_list_arg(in, b, "shuffle_mask");
    Instruction& inst = in.emit(Opcode::nc_stream_shuffle, a.loc);
    inst.operands = {dst, src};
    inst.set_attr("shuffle_mask", mask);
    return finish(in, b, inst, false);
  });
  def("local_gather", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.local_gather",
                {"dst", "src_buffer", "index", "num_elem_per_idx=", "num_valid_indices=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), src = tensor_operand(in, b, "src_buffer"),
            index = tensor_operand(in, b, "index");
    Instruction& inst = in.emit(Opcode::local_gather, a.loc);
    inst.operands = {dst, src, index};
    inst.set_attr("num_elem_per_idx", int_arg(in, b, "num_elem_per_idx", 1));
    // Absent: every index of the group's 16-partition slice (the verifier fills it in).
    if (const Value* v = b.get("num_valid_indices"); v && !v->is_none())
      inst.set_attr("num_valid_indices", int_arg(in, b, "num_valid_indices", 0));
    return finish(in, b, inst, false);
  });
  def("nc_n_gather", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.nc_n_gather", {"dst", "data", "indices", "name="});
    return emit(
        in, b, Opcode::nc_n_gather,
        {tensor_operand(in, b, "dst"), tensor_operand(in, b, "data"), tensor_operand(in, b, "indices")});
  });
  def("nonzero_with_count", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.nonzero_with_count", {"dst", "src", "index_offset=", "padding_val=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), src = tensor_operand(in, b, "src");
    Instruction& inst = in.emit(Opcode::nonzero_with_count, a.loc);
    inst.operands = {dst, src};
    inst.set_attr("index_offset", int_arg(in, b, "index_offset", 0));
    inst.set_attr("padding_val", int_arg(in, b, "padding_val", -1));
    return finish(in, b, inst, false);
  });
  def("topk", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.topk", {"val_dst", "idx_dst", "src", "n", "sorted=", "name="});
    Operand val = tensor_operand(in, b, "val_dst"), idx = tensor_operand(in, b, "idx_dst"),
            src = tensor_operand(in, b, "src");
    const int64_t n = to_int(in, b.req("n"), "nisa.topk() argument 'n'", a.loc);
    Instruction& inst = in.emit(Opcode::topk, a.loc);
    inst.operands = {val, idx, src};
    inst.set_attr("n", n);
    if (flag(in, b, "sorted")) inst.set_attr("sorted", true);
    return finish(in, b, inst, false);
  });
  def("rng", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.rng", {"dst", "engine=", "name="});
    return emit(in, b, Opcode::rng, {tensor_operand(in, b, "dst")}, true);
  });
  def("rand2", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.rand2", {"dst", "min", "max", "name="});
    Operand dst = tensor_operand(in, b, "dst");
    Operand lo = scalar_or_tensor(in, b, "min"), hi = scalar_or_tensor(in, b, "max");
    if (lo.is_none() || hi.is_none())
      in.fail(a.loc, "nisa.rand2(): min and max must be numbers or [P,1] tensors, not None");
    return emit(in, b, Opcode::rand2, {dst, lo, hi});
  });
  def("set_rng_seed", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.set_rng_seed", {"src_seeds", "name="});
    return emit(in, b, Opcode::set_rng_seed, {tensor_operand(in, b, "src_seeds")});
  });
  def("rand_set_state", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.rand_set_state", {"src_seeds", "engine=", "name="});
    return emit(in, b, Opcode::rand_set_state, {tensor_operand(in, b, "src_seeds")}, true);
  });
  def("rand_get_state", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.rand_get_state", {"dst", "engine=", "name="});
    return emit(in, b, Opcode::rand_get_state, {tensor_operand(in, b, "dst")}, true);
  });
}

}  // namespace nki::lang::isa

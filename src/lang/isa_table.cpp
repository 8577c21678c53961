// nki.isa builtins made from ops.def alone: each parameter of the call is the operand role or the
// attribute of the same name, converted as ops.def declares it, so an instruction whose arguments
// need nothing else has no hand-written builder (see "Adding an instruction" in
// docs/architecture.md).
#include <fmt/format.h>

#include <algorithm>
#include <bit>

#include "lang/isa_common.h"
#include "lang/ops.h"

namespace nki::lang::isa {

namespace {

bool given(const ArgBinder& b, const std::string& name) {
  const Value* v = b.get(name);
  return v && !v->is_none();
}

Operand bind_operand(Interp& in, const ArgBinder& b, const OperandRole& r) {
  if (r.immediate) return r.optional ? scalar_or_tensor(in, b, r.name) : required_scalar(in, b, r.name);
  return r.optional ? optional_tensor(in, b, r.name) : tensor_operand(in, b, r.name);
}

AttrValue bind_attr(Interp& in, const ArgBinder& b, const AttrSpec& a) {
  switch (a.type) {
    case AttrType::Bool: return flag(in, b, a.name);
    case AttrType::Int: return to_int(in, b.req(a.name), b.fname() + "() argument '" + a.name + "'", b.loc());
    case AttrType::Float:
      return to_float(in, b.req(a.name), b.fname() + "() argument '" + a.name + "'", b.loc());
    case AttrType::Alu: return alu_op(in, b, a.name);
    case AttrType::Act: return activation_fn(in, b, a.name);
    case AttrType::Cmd: return enum_arg(in, b, a.name, "reduce_cmd");
    default:
      throw InternalError(fmt::format("{}: ops.def attribute '{}' of type {} has no argument conversion",
                                      b.fname(), a.name, a.type_text()));
  }
}

}  // namespace

void define_from_table(const Define& def, Opcode op, std::vector<std::string> params) {
  const OpInfo& info = op_info(op);
  // The parameters are the roles and attributes (and engine=/name=), checked when nki starts.
  auto has = [&params](const std::string& name) {
    return std::find(params.begin(), params.end(), name) != params.end() ||
           std::find(params.begin(), params.end(), name + "=") != params.end();
  };
  for (const std::string& p : params) {
    const std::string name = p.back() == '=' ? p.substr(0, p.size() - 1) : p;
    const bool known = name == "name" || (name == "engine" && std::popcount(info.engines) > 1) ||
                       operand_index(op, name) >= 0 || info.attr(name) != nullptr;
    NKI_CHECK(known, fmt::format("nisa.{}: parameter '{}' is not an operand or attribute in ops.def",
                                 info.name, name));
  }
  for (const OperandRole& r : info.operands)
    NKI_CHECK(has(r.name), fmt::format("nisa.{}: no parameter for operand '{}'", info.name, r.name));
  for (const AttrSpec& s : info.attrs)
    NKI_CHECK(has(s.name), fmt::format("nisa.{}: no parameter for attribute '{}'", info.name, s.name));
  const bool has_engine = std::find(params.begin(), params.end(), "engine=") != params.end();
  def(std::string(info.name), [op, params, has_engine](Interp& in, CallArgs& a) {
    const OpInfo& info = op_info(op);
    ArgBinder b(in, a, "nisa." + std::string(info.name), params);
    std::vector<Operand> operands;
    for (const OperandRole& r : info.operands) operands.push_back(bind_operand(in, b, r));
    // An argument equal to the attribute's default is left out, so the IR text shows what differs.
    std::vector<std::pair<std::string, AttrValue>> attrs;
    for (const AttrSpec& s : info.attrs) {
      if (!given(b, s.name) && !s.required) continue;
      std::optional<AttrValue> v = s.accept(bind_attr(in, b, s));
      NKI_CHECK(v.has_value(),
                fmt::format("nisa.{}: argument '{}' converted to a value ops.def does not allow", info.name,
                            s.name));
      if (v != s.default_value) attrs.emplace_back(s.name, std::move(*v));
    }
    Instruction& inst = in.emit(op, a.loc);
    inst.operands = std::move(operands);
    for (auto& [name, value] : attrs) inst.set_attr(name, std::move(value));
    return finish(in, b, inst, has_engine);
  });
}

void define_table_instructions(const Define& def) {
  define_from_table(def, Opcode::reciprocal, {"dst", "data", "name="});
  define_from_table(def, Opcode::tensor_partition_reduce, {"dst", "op", "data", "name="});
  define_from_table(def, Opcode::bn_stats, {"dst", "data", "name="});
  define_from_table(def, Opcode::bn_aggr, {"dst", "data", "name="});
  define_from_table(def, Opcode::dropout, {"dst", "data", "prob", "name="});
  define_from_table(def, Opcode::sequence_bounds, {"dst", "segment_ids", "name="});
  define_from_table(def, Opcode::max8, {"dst", "src", "name="});
  define_from_table(def, Opcode::nc_find_index8, {"dst", "data", "vals", "name="});
  define_from_table(def, Opcode::nc_match_replace8, {"dst", "data", "vals", "imm", "dst_idx=", "name="});
  define_from_table(def, Opcode::nc_n_gather, {"dst", "data", "indices", "name="});
  define_from_table(def, Opcode::topk, {"val_dst", "idx_dst", "src", "n", "sorted=", "name="});
  define_from_table(def, Opcode::rng, {"dst", "engine=", "name="});
  define_from_table(def, Opcode::set_rng_seed, {"src_seeds", "name="});
  define_from_table(def, Opcode::rand_set_state, {"src_seeds", "engine=", "name="});
  define_from_table(def, Opcode::rand_get_state, {"dst", "engine=", "name="});
  define_from_table(def, Opcode::quantize_mx, {"dst", "src", "dst_scale", "name="});
  define_from_table(def, Opcode::activate2,
                    {"dst", "op", "data", "imm0", "imm1", "op0", "op1", "relu_param=", "reverse0=",
                     "reverse1=", "reduce_op=", "reduce_res=", "reduce_cmd=", "name="});
}

}  // namespace nki::lang::isa

// nki.collectives inside a kernel (nki-api.md §9): ReplicaGroup, rank_id, all_reduce and
// all_gather over the cores of the launch (kernel[2] / --lnc 2). Each collective becomes one
// instruction per (src, dst) pair that the multi-core scheduler (sim/cores.cpp) executes once every
// core of the group reaches it; the other collectives still report that they are not simulated.
#include <fmt/format.h>

#include <algorithm>

#include "lang/isa_common.h"

namespace nki::lang {

namespace {

bool is_replica_group(const Value& v) {
  return v.kind == VKind::Object && v.as<ObjectObj>().type_name == "ReplicaGroup";
}

// The replica group as the cores list attribute ("0,1"); it must name every core of the launch
// once, in one group (the only topology a single launch has).
std::string group_cores(Interp& in, const ArgBinder& b) {
  const Value& v = b.req("replica_group");
  const int n = in.options.num_programs;
  std::string all;
  for (int c = 0; c < n; ++c) all += (c ? ", " : "") + std::to_string(c);
  const std::string want = fmt::format("ncc.ReplicaGroup([[{}]])", all);
  if (!is_replica_group(v))
    in.fail(b.loc(), fmt::format("{}(): replica_group must be an ncc.ReplicaGroup, e.g. {}, not {}",
                                 b.fname(), want, to_repr(v)));
  const Value& groups = v.as<ObjectObj>().attrs.at("replica_groups");
  std::vector<int64_t> cores;
  bool ok = groups.kind == VKind::List || groups.kind == VKind::Tuple;
  if (ok) {
    const auto& gs = groups.as<SeqObj>().items;
    ok = gs.size() == 1 && (gs[0].kind == VKind::List || gs[0].kind == VKind::Tuple);
    if (ok)
      for (const Value& r : gs[0].as<SeqObj>().items) {
        if (r.kind != VKind::Int) {
          ok = false;
          break;
        }
        cores.push_back(r.i);
      }
  }
  std::sort(cores.begin(), cores.end());
  for (int c = 0; ok && c < n; ++c) ok = static_cast<int>(cores.size()) == n && cores[c] == c;
  if (!ok)
    in.fail(b.loc(), fmt::format("{}(): replica_group {} does not cover the cores of this launch: kernel[{}] "
                                 "simulates one group of every core, {}",
                                 b.fname(), to_repr(v), n, want));
  std::string list;
  for (int c = 0; c < n; ++c) list += (c ? "," : "") + std::to_string(c);
  return list;
}

// srcs / dsts: a list (or tuple) of tensors, or one tensor.
std::vector<Operand> tensor_list(Interp& in, const ArgBinder& b, const std::string& arg) {
  const Value& v = b.req(arg);
  std::vector<Operand> out;
  const std::string what = b.fname() + "() argument '" + arg + "'";
  if (v.kind == VKind::List || v.kind == VKind::Tuple) {
    for (const Value& t : v.as<SeqObj>().items)
      out.push_back(Operand::tensor(to_tensor(in, t, what, b.loc()).ap));
  } else {
    out.push_back(Operand::tensor(to_tensor(in, v, what, b.loc()).ap));
  }
  if (out.empty()) in.fail(b.loc(), b.fname() + "(): " + arg + " must list at least one tensor");
  return out;
}

// One instruction per (src, dst) pair, in order, so every core emits the same sequence.
Value emit_collective(Interp& in, ArgBinder& b, Opcode op, const std::function<void(Instruction&)>& attrs) {
  const std::string cores = group_cores(in, b);
  std::vector<Operand> srcs = tensor_list(in, b, "srcs"), dsts = tensor_list(in, b, "dsts");
  if (srcs.size() != dsts.size())
    in.fail(b.loc(), fmt::format("{}(): {} srcs but {} dsts; each src needs its dst", b.fname(), srcs.size(),
                                 dsts.size()));
  if (srcs.size() > 1)
    for (const Operand& o : srcs)
      if (!is_hbm(o.ap.storage->buffer))
        in.fail(b.loc(), fmt::format("{}(): several (coalesced) tensors are only supported in HBM; pass one "
                                     "SBUF tensor per call",
                                     b.fname()));
  for (const Value* p : {b.get("priority")})
    if (p && !p->is_none()) {
      int64_t q = to_int(in, *p, b.fname() + "() argument 'priority'", b.loc());
      if (q < 0 || q > 3)
        in.fail(b.loc(), fmt::format("{}(): priority must be 0 to 3, got {}", b.fname(), q));
    }
  for (size_t i = 0; i < srcs.size(); ++i) {
    Instruction& inst = in.emit(op, b.loc());
    isa::bind_operands(inst, {{"dst", dsts[i]}, {"src", srcs[i]}});
    inst.set_attr("cores", cores);
    attrs(inst);
    inst.engine = Engine::Dma;
    if (i + 1 == srcs.size()) isa::finish(in, b, inst, false);
  }
  return Value::none();
}

}  // namespace

std::shared_ptr<ModuleObj> make_collectives_module() {
  auto m = std::make_shared<ModuleObj>();
  m->name = "nki.collectives";
  auto& ncc = m->attrs;
  for (const char* name :
       {"all_gather_v", "reduce_scatter", "all_to_all", "all_to_all_v", "collective_permute",
        "collective_permute_implicit", "collective_permute_implicit_reduce",
        "collective_permute_implicit_current_processing_rank_id"}) {
    std::string qual = std::string("nki.collectives.") + name;
    ncc[name] = make_builtin(qual, [qual](Interp& in, CallArgs& a) -> Value {
      in.fail(a.loc,
              qual +
                  " is not simulated yet: nki simulates ncc.all_reduce, ncc.all_gather and ncc.rank_id "
                  "between the cores of a launch");
    });
  }
  auto def = [&ncc](const std::string& name, BuiltinFn fn) {
    ncc[name] = make_builtin("ncc." + name, std::move(fn));
  };
  def("ReplicaGroup", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "ncc.ReplicaGroup", {"replica_groups="});
    auto o = std::make_shared<ObjectObj>();
    o->type_name = "ReplicaGroup";
    Value g = b.has("replica_groups") ? b.req("replica_groups") : Value::none();
    o->repr = "ReplicaGroup(" + to_repr(g) + ")";
    o->attrs["replica_groups"] = g;
    return Value::heap(VKind::Object, o);
  });
  def("rank_id", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "ncc.rank_id", {"name="});
    return register_holding(in, in.options.program_id, a.loc);
  });
  def("all_reduce", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "ncc.all_reduce", {"srcs", "dsts", "replica_group", "op", "priority=", "name="});
    const std::string op = isa::op_value(in, b, "op");
    if (op != "add" && op != "minimum" && op != "maximum")
      in.fail(a.loc, fmt::format("ncc.all_reduce(): op=nl.{} is not supported; use nl.add, nl.minimum or "
                                 "nl.maximum",
                                 op));
    return emit_collective(in, b, Opcode::collective_all_reduce,
                           [&](Instruction& i) { i.set_attr("op", op); });
  });
  def("all_gather", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "ncc.all_gather",
                {"srcs", "dsts", "replica_group", "collective_dim", "priority=", "name="});
    const int64_t dim =
        to_int(in, b.req("collective_dim"), "ncc.all_gather() argument 'collective_dim'", a.loc);
    if (dim != 0 && dim != 1)
      in.fail(a.loc, fmt::format("ncc.all_gather(): collective_dim={} is not supported; the cores' srcs are "
                                 "concatenated along dim 0 (HBM or SBUF) or dim 1 (2-D SBUF tiles)",
                                 dim));
    if (dim == 1)
      for (const char* arg : {"srcs", "dsts"}) {
        const Value& v = b.req(arg);
        const Value& t = v.kind == VKind::List || v.kind == VKind::Tuple
                             ? (v.as<SeqObj>().items.empty() ? v : v.as<SeqObj>().items[0])
                             : v;
        if (t.kind == VKind::Tensor && is_hbm(t.as<TensorObj>().ap.storage->buffer))
          in.fail(a.loc,
                  fmt::format("ncc.all_gather(): collective_dim=1 needs SBUF tiles, but {} are in HBM, "
                              "where the cores' srcs are concatenated along dim 0 only",
                              arg));
      }
    return emit_collective(in, b, Opcode::collective_all_gather, [dim](Instruction& i) {
      if (dim == 1) i.set_attr("collective_dim", dim);
    });
  });
  return m;
}

}  // namespace nki::lang

// The nki.isa module (nisa): the enums, the shared argument vocabulary (isa_common.h) and the
// data-movement, Tensor Engine and Scalar engine instructions; the Vector/GpSimd families live in
// isa_*.cpp. Each builtin appends one IR instruction. Argument types are checked here; hardware
// rules (buffers, shapes, partitions) are checked by the verify pass, which sees every
// instruction the same way whatever emitted it.
#include <fmt/format.h>

#include "lang/isa_common.h"
#include "lang/ops.h"
#include "support/diagnostics.h"

namespace nki::lang {

namespace isa {

static std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::string("nl.") + v[i];
  return s;
}

// The operator name of an op= value such as nl.add.
std::string op_value(Interp& in, const ArgBinder& b, const std::string& arg) {
  const Value& v = b.req(arg);
  if (v.kind == VKind::Builtin) {
    const std::string& n = v.as<BuiltinObj>().name;
    if (n.rfind("nl.", 0) == 0) return n.substr(3);
  }
  in.fail(b.loc(), b.fname() + "(): " + arg + " must be an operator such as nl.add, not " + to_repr(v));
}

std::string alu_op(Interp& in, const ArgBinder& b, const std::string& arg) {
  std::string op = op_value(in, b, arg);
  if (!is_supported_alu_op(op))
    in.fail(b.loc(), fmt::format("{}(): {}=nl.{} is not an ALU operator (nki-api.md §8.1: {})", b.fname(),
                                 arg, op, join(supported_alu_ops())));
  return op;
}

// A tensor argument as an operand.
Operand tensor_operand(Interp& in, const ArgBinder& b, const std::string& arg) {
  return Operand::tensor(to_tensor(in, b.req(arg), b.fname() + "() argument '" + arg + "'", b.loc()).ap);
}

// A scalar-or-[P,1]-tensor operand (tensor_scalar operands, activation bias/scale).
Operand scalar_or_tensor(Interp& in, const ArgBinder& b, const std::string& arg) {
  const Value* v = b.get(arg);
  if (!v || v->is_none()) return Operand::none();
  if (v->kind == VKind::Tensor) return Operand::tensor(v->as<TensorObj>().ap);
  if (v->is_number()) return Operand::immediate(to_float(in, *v, arg, b.loc()));
  in.fail(b.loc(), b.fname() + "(): " + arg + " must be a number or a tensor, not " + type_name(*v));
}

Operand required_scalar(Interp& in, const ArgBinder& b, const std::string& arg) {
  b.req(arg);
  Operand o = scalar_or_tensor(in, b, arg);
  if (o.is_none())
    in.fail(b.loc(), b.fname() + "(): " + arg + " must be a number or a [P,1] tensor, not None");
  return o;
}

std::string activation_fn(Interp& in, const ArgBinder& b, const std::string& arg) {
  std::string op = op_value(in, b, arg);
  if (!is_supported_activation(op))
    in.fail(b.loc(), fmt::format("{}(): {}=nl.{} is not an activation function (nki-api.md §8.2: {})",
                                 b.fname(), arg, op, join(supported_activations())));
  return op;
}

bool flag(Interp& in, const ArgBinder& b, const std::string& arg) {
  const Value* v = b.get(arg);
  if (!v || v->is_none()) return false;
  if (v->kind != VKind::Bool)
    in.fail(b.loc(), b.fname() + "(): " + arg + " must be True or False, not " + to_repr(*v));
  return v->b;
}

static Value enum_member(const std::string& type, const std::string& name, int value) {
  auto o = std::make_shared<ObjectObj>();
  o->type_name = type;
  o->repr = type + "." + name;
  o->attrs["name"] = Value::str(name);
  o->attrs["value"] = Value::integer(value);
  return Value::heap(VKind::Object, o);
}

Value make_enum(const std::string& type, const std::vector<std::pair<std::string, int>>& members) {
  auto o = std::make_shared<ObjectObj>();
  o->type_name = "enum";
  o->repr = "<enum '" + type + "'>";
  for (const auto& [n, v] : members) o->attrs[n] = enum_member(type, n, v);
  return Value::heap(VKind::Object, o);
}

// The name of an enum argument of the given type, or "" if absent/None.
std::string enum_arg(Interp& in, const ArgBinder& b, const std::string& arg, const std::string& type) {
  const Value* v = b.get(arg);
  if (!v || v->is_none()) return "";
  if (v->kind == VKind::Object && v->as<ObjectObj>().type_name == type)
    return v->as<ObjectObj>().attrs.at("name").as<StrObj>().s;
  in.fail(b.loc(),
          fmt::format("{}(): {} must be a nisa.{} value, not {}", b.fname(), arg, type, to_repr(*v)));
}

// Applies engine= and name= and returns the instruction handle.
void bind_operands(Instruction& inst, std::initializer_list<std::pair<std::string_view, Operand>> operands) {
  for (const auto& [role, operand] : operands) inst.operand(role) = operand;
}

Value finish(Interp& in, const ArgBinder& b, Instruction& inst, bool has_engine) {
  if (has_engine) {
    std::string e = enum_arg(in, b, "engine", "engine");
    if (!e.empty() && e != "unknown") {
      Engine eng = *parse_engine(e);
      if (!(op_info(inst.op).engines & (1u << static_cast<int>(eng))))
        in.fail(b.loc(), fmt::format("{}() cannot run on the {} engine", b.fname(), e));
      inst.engine = eng;
    }
  }
  const Value* n = b.get("name");
  if (n && !n->is_none()) {
    if (n->kind != VKind::Str) in.fail(b.loc(), b.fname() + "(): name must be a string");
    inst.name = n->as<StrObj>().s;
  }
  // The handle supports .depends_on(...); it refers to the instruction by its body index.
  return instruction_handle(in, static_cast<size_t>(&inst - in.kernel.body.data()));
}

void reject_unsupported(Interp& in, const ArgBinder& b, const std::string& arg, const char* why) {
  const Value* v = b.get(arg);
  if (!v || v->is_none()) return;
  if (v->kind == VKind::Bool && !v->b) return;
  if ((v->kind == VKind::Tuple || v->kind == VKind::List) && v->as<SeqObj>().items.empty()) return;
  if (v->kind == VKind::Object) {
    auto it = v->as<ObjectObj>().attrs.find("name");
    if (it != v->as<ObjectObj>().attrs.end() && it->second.kind == VKind::Str &&
        (it->second.as<StrObj>().s == "none" || it->second.as<StrObj>().s == "idle" ||
         it->second.as<StrObj>().s == "unknown" || it->second.as<StrObj>().s == "error"))
      return;
  }
  in.fail(b.loc(), fmt::format("{}(): {}= is not supported yet by nki ({})", b.fname(), arg, why));
}

// oob_mode=, dge_mode= and (dma_copy) engine= of the DMA instructions, as attributes; the
// verifier checks them against the target and the operands.
void dma_modes(Interp& in, const ArgBinder& b, Instruction& inst, bool has_engine) {
  if (enum_arg(in, b, "oob_mode", "oob_mode") == "skip") inst.set_attr("oob_mode", std::string("skip"));
  std::string dge = enum_arg(in, b, "dge_mode", "dge_mode");
  if (!dge.empty() && dge != "unknown") inst.set_attr("dge_mode", dge);
  if (has_engine) {
    std::string e = enum_arg(in, b, "engine", "engine");
    if (!e.empty() && e != "unknown") inst.set_attr("dge_engine", e);
  }
}

Operand optional_tensor(Interp& in, const ArgBinder& b, const std::string& arg) {
  const Value* v = b.get(arg);
  if (!v || v->is_none()) return Operand::none();
  return tensor_operand(in, b, arg);
}

std::string optional_alu_op(Interp& in, const ArgBinder& b, const std::string& arg) {
  const Value* v = b.get(arg);
  if (!v || v->is_none()) return "";
  return alu_op(in, b, arg);
}

int64_t int_arg(Interp& in, const ArgBinder& b, const std::string& arg, int64_t fallback) {
  const Value* v = b.get(arg);
  if (!v || v->is_none()) return fallback;
  return to_int(in, *v, b.fname() + "() argument '" + arg + "'", b.loc());
}

double float_arg(Interp& in, const ArgBinder& b, const std::string& arg, double fallback) {
  const Value* v = b.get(arg);
  if (!v || v->is_none()) return fallback;
  return to_float(in, *v, b.fname() + "() argument '" + arg + "'", b.loc());
}

std::vector<int64_t> pattern_arg(Interp& in, const ArgBinder& b, const std::string& arg) {
  const Value& v = b.req(arg);
  const std::string what = b.fname() + "() argument '" + arg + "'";
  auto is_seq = [](const Value& x) { return x.kind == VKind::Tuple || x.kind == VKind::List; };
  if (!is_seq(v)) in.fail(b.loc(), what + " must be a list of [step, num] pairs, not " + type_name(v));
  std::vector<int64_t> flat;
  for (const Value& pair : v.as<SeqObj>().items) {
    if (!is_seq(pair) || pair.as<SeqObj>().items.size() != 2)
      in.fail(b.loc(), what + " must be a list of [step, num] pairs, got an element " + to_repr(pair));
    for (const Value& x : pair.as<SeqObj>().items) flat.push_back(to_int(in, x, what, b.loc()));
  }
  return flat;
}

MatmulTiling matmul_tiling(Interp& in, const ArgBinder& b) {
  // PE tiling: both tuples or neither (nki-api.md §7.3); the verifier checks the values.
  auto pair = [&](const char* arg) -> std::vector<int64_t> {
    const Value* v = b.get(arg);
    if (!v || v->is_none()) return {};
    if ((v->kind != VKind::Tuple && v->kind != VKind::List))
      in.fail(b.loc(),
              fmt::format("{}(): {} must be a tuple of two ints, not {}", b.fname(), arg, to_repr(*v)));
    const auto& items = v->as<SeqObj>().items;
    if (items.empty()) return {};
    if (items.size() != 2)
      in.fail(b.loc(), fmt::format("{}(): {} must be a tuple of two ints, got {} values", b.fname(), arg,
                                   items.size()));
    std::string what = b.fname() + "() argument '" + arg + "'";
    return {to_int(in, items[0], what, b.loc()), to_int(in, items[1], what, b.loc())};
  };
  MatmulTiling t{pair("tile_position"), pair("tile_size")};
  if (t.position.empty() != t.size.empty())
    in.fail(b.loc(), fmt::format("{}(): tile_position and tile_size must be set together (got only {})",
                                 b.fname(), t.position.empty() ? "tile_size" : "tile_position"));
  return t;
}

void set_matmul_tiling(Instruction& inst, const MatmulTiling& t) {
  if (t.position.empty()) return;
  inst.set_attr("tile_row", t.position[0]);
  inst.set_attr("tile_col", t.position[1]);
  inst.set_attr("tile_rows", t.size[0]);
  inst.set_attr("tile_cols", t.size[1]);
}

std::string matmul_accumulate(Interp& in, const ArgBinder& b) {
  if (const Value* v = b.get("accumulate"); v && !v->is_none()) {
    if (v->kind != VKind::Bool)
      in.fail(b.loc(), b.fname() + "(): accumulate must be True, False or None, not " + to_repr(*v));
    return v->b ? "true" : "false";
  }
  return "auto";
}

}  // namespace isa

namespace {
using namespace isa;  // NOLINT: the builtins below are written in this vocabulary

// nisa.activation and nisa.activation_reduce: operands dst, data, bias, scale, reduce_res;
// attributes op, then reduce_op and reduce_cmd when the accumulators are used.
Value emit_activation(Interp& in, const ArgBinder& b, std::string cmd) {
  Operand dst = tensor_operand(in, b, "dst"), data = tensor_operand(in, b, "data");
  std::string op = activation_fn(in, b, "op");
  std::string reduce_op = optional_alu_op(in, b, "reduce_op");
  Operand reduce_res = optional_tensor(in, b, "reduce_res");
  Operand bias = scalar_or_tensor(in, b, "bias");
  Operand scale = scalar_or_tensor(in, b, "scale");
  if (scale.is_none()) scale = Operand::immediate(1.0);
  if (cmd.empty()) cmd = "idle";
  Instruction& inst = in.emit(Opcode::activation, b.loc());
  bind_operands(inst,
                {{"dst", dst}, {"data", data}, {"bias", bias}, {"scale", scale}, {"reduce_res", reduce_res}});
  inst.set_attr("op", op);
  if (!reduce_op.empty()) inst.set_attr("reduce_op", reduce_op);
  if (cmd != "idle") inst.set_attr("reduce_cmd", cmd);
  return finish(in, b, inst, false);
}

}  // namespace

std::shared_ptr<ModuleObj> make_isa_module(Interp& in) {
  auto m = std::make_shared<ModuleObj>();
  m->name = "nki.isa";
  auto& A = m->attrs;
  auto def = [&A](const std::string& name, BuiltinFn fn) {
    A[name] = make_builtin("nisa." + name, std::move(fn));
  };

  // The types of registers and instruction handles, for isinstance(); their values come from
  // nisa.register_alloc and from instructions.
  for (const char* type : {"VirtualRegister", "NkiInstruction"})
    A[type] = make_builtin(type, [type = std::string(type)](Interp& in, CallArgs& a) -> Value {
      in.fail(a.loc, "nisa." + type + "(...) cannot be called in a kernel");
    });

  A["engine"] = make_enum(
      "engine",
      {{"unknown", 0}, {"tensor", 1}, {"scalar", 2}, {"gpsimd", 3}, {"dma", 4}, {"vector", 5}, {"sync", 6}});
  A["reduce_cmd"] = make_enum(
      "reduce_cmd", {{"idle", 0}, {"reset", 1}, {"reduce", 2}, {"reset_reduce", 3}, {"load_reduce", 4}});
  A["dge_mode"] = make_enum("dge_mode", {{"unknown", 0}, {"swdge", 1}, {"hwdge", 2}, {"none", 3}});
  A["oob_mode"] = make_enum("oob_mode", {{"error", 0}, {"skip", 1}});
  A["matmul_perf_mode"] = make_enum("matmul_perf_mode", {{"none", 0}, {"double_row", 1}});
  A["nc_version"] = make_enum("nc_version", {{"gen2", 2}, {"gen3", 3}, {"gen4", 4}});
  for (const char* e : {"tensor", "vector", "scalar", "gpsimd", "unknown"})
    A[std::string(e) + "_engine"] = A["engine"].as<ObjectObj>().attrs.at(e);
  def("get_nc_version", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.get_nc_version", {});
    static const char* names[] = {"", "", "gen2", "gen3", "gen4"};
    return enum_member("nc_version", names[in.arch.nc_version], in.arch.nc_version);
  });
  // The silicon revision within the generation; every simulated target is revision 0.
  def("get_nc_sub_version", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.get_nc_sub_version", {});
    return Value::integer(0);
  });

  def("dma_copy", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.dma_copy",
                {"dst", "src", "priority=", "oob_mode=", "dge_mode=", "engine=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), src = tensor_operand(in, b, "src");
    reject_unsupported(in, b, "priority", "DMA priorities are a trn3 feature");
    Instruction& inst = in.emit(Opcode::dma_copy, a.loc);
    bind_operands(inst, {{"dst", dst}, {"src", src}});
    dma_modes(in, b, inst, true);
    return finish(in, b, inst, false);
  });
  def("tensor_tensor", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.tensor_tensor", {"dst", "data1", "data2", "op", "engine=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), d1 = tensor_operand(in, b, "data1"),
            d2 = tensor_operand(in, b, "data2");
    std::string op = alu_op(in, b, "op");
    Instruction& inst = in.emit(Opcode::tensor_tensor, a.loc);
    bind_operands(inst, {{"dst", dst}, {"data1", d1}, {"data2", d2}});
    inst.set_attr("op", op);
    return finish(in, b, inst, true);
  });
  def("tensor_scalar", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.tensor_scalar",
                {"dst", "data", "op0", "operand0",
                 "reverse0=", "op1=", "operand1=", "reverse1=", "engine=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), data = tensor_operand(in, b, "data");
    std::string op0 = alu_op(in, b, "op0");
    Operand x0 = scalar_or_tensor(in, b, "operand0");
    // Unary operators (abs, rsqrt, ...) take operand0=None or 0; the IR keeps an immediate 0.
    if (x0.is_none() && alu_op_info(*parse_alu_op(op0)).kind == AluKind::Unary) x0 = Operand::immediate(0.0);
    if (x0.is_none()) in.fail(a.loc, "nisa.tensor_scalar(): operand0 must be a number or a [P,1] tensor");
    bool has_op1 = b.has("op1") && !b.get("op1")->is_none();
    Operand x1 = scalar_or_tensor(in, b, "operand1");
    if (has_op1 != !x1.is_none())
      in.fail(a.loc, "nisa.tensor_scalar(): op1 and operand1 must be given together (or both left None)");
    Instruction& inst = in.emit(Opcode::tensor_scalar, a.loc);
    bind_operands(inst, {{"dst", dst}, {"data", data}, {"operand0", x0}, {"operand1", x1}});
    inst.set_attr("op0", op0);
    if (flag(in, b, "reverse0")) inst.set_attr("reverse0", true);
    if (has_op1) {
      inst.set_attr("op1", alu_op(in, b, "op1"));
      if (flag(in, b, "reverse1")) inst.set_attr("reverse1", true);
    }
    return finish(in, b, inst, true);
  });
  def("tensor_copy", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.tensor_copy", {"dst", "src", "engine=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), src = tensor_operand(in, b, "src");
    Instruction& inst = in.emit(Opcode::tensor_copy, a.loc);
    bind_operands(inst, {{"dst", dst}, {"src", src}});
    return finish(in, b, inst, true);
  });
  def("memset", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.memset", {"dst", "value", "engine=", "name="});
    Operand dst = tensor_operand(in, b, "dst");
    const Value& v = b.req("value");
    if (!v.is_number()) in.fail(a.loc, "nisa.memset(): value must be a number, not " + type_name(v));
    Instruction& inst = in.emit(Opcode::memset, a.loc);
    bind_operands(inst, {{"dst", dst}});
    if (is_float(dst.ap.dtype) || is_packed_mx(dst.ap.dtype)) {  // packed MX: the verifier wants 0
      inst.set_attr("value", to_float(in, v, "value", a.loc));
    } else {
      if (v.kind == VKind::Float)
        in.fail(a.loc,
                fmt::format("nisa.memset(): value {} is a float but dst has integer dtype {}; pass an int",
                            to_str(v), dtype_name(dst.ap.dtype)));
      inst.set_attr("value", to_int(in, v, "value", a.loc));
    }
    return finish(in, b, inst, true);
  });
  def("activation", [](Interp& in, CallArgs& a) {
    ArgBinder b(
        in, a, "nisa.activation",
        {"dst", "op", "data", "bias=", "scale=", "reduce_op=", "reduce_res=", "reduce_cmd=", "name="});
    return emit_activation(in, b, enum_arg(in, b, "reduce_cmd", "reduce_cmd"));
  });
  // activation_reduce is activation with reduce_cmd=reset_reduce and a mandatory reduce_res
  // (the NKI documentation defines it so); it becomes that activation instruction.
  def("activation_reduce", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.activation_reduce",
                {"dst", "op", "data", "reduce_op", "reduce_res", "bias=", "scale=", "name="});
    b.req("reduce_op");
    b.req("reduce_res");
    return emit_activation(in, b, "reset_reduce");
  });
  def("nc_matmul", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.nc_matmul",
                {"dst", "stationary", "moving", "is_stationary_onezero=", "is_moving_onezero=",
                 "is_transpose=", "accumulate=", "tile_position=", "tile_size=", "perf_mode=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), st = tensor_operand(in, b, "stationary"),
            mv = tensor_operand(in, b, "moving");
    const bool st01 = flag(in, b, "is_stationary_onezero"), mv01 = flag(in, b, "is_moving_onezero");
    const bool transpose = flag(in, b, "is_transpose");
    MatmulTiling tiling = matmul_tiling(in, b);
    std::string perf = enum_arg(in, b, "perf_mode", "matmul_perf_mode");
    std::string acc = matmul_accumulate(in, b);
    Instruction& inst = in.emit(Opcode::nc_matmul, a.loc);
    bind_operands(inst, {{"dst", dst}, {"stationary", st}, {"moving", mv}});
    inst.set_attr("accumulate", acc);
    if (transpose) inst.set_attr("is_transpose", true);
    if (st01) inst.set_attr("is_stationary_onezero", true);
    if (mv01) inst.set_attr("is_moving_onezero", true);
    set_matmul_tiling(inst, tiling);
    if (perf == "double_row") inst.set_attr("perf_mode", perf);
    return finish(in, b, inst, false);
  });
  def("nc_transpose", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.nc_transpose", {"dst", "data", "engine=", "name="});
    Operand dst = tensor_operand(in, b, "dst"), data = tensor_operand(in, b, "data");
    Instruction& inst = in.emit(Opcode::nc_transpose, a.loc);
    bind_operands(inst, {{"dst", dst}, {"data", data}});
    return finish(in, b, inst, true);
  });
  define_table_instructions(def);
  define_vector_instructions(def);
  define_selection_instructions(def);
  define_gather_instructions(def);
  define_spmd_instructions(def, A);
  define_dma_instructions(def);
  define_mx_instructions(def);
  return m;
}

std::shared_ptr<ModuleObj> make_isa_constants_module(const ModuleObj& nisa) {
  auto m = std::make_shared<ModuleObj>();
  m->name = "nki.isa.constants";
  for (const char* e :
       {"engine", "reduce_cmd", "oob_mode", "dge_mode", "matmul_perf_mode", "nc_version", "dma_engine"})
    if (nisa.attrs.count(e)) m->attrs[e] = nisa.attrs.at(e);
  return m;
}

}  // namespace nki::lang

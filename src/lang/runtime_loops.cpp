// Runtime control flow (nki-api.md §3.3, §4.8): VirtualRegisters, nisa.register_alloc / move /
// load / store, and the loops whose iterations are decided on the device: `for i in
// nl.dynamic_range(...)`, `while reg:`, nl.fori_loop and nl.while_loop. The body of a runtime
// loop is specialized once, between a loop_begin and a loop_end instruction; the simulator runs
// it as many times as the registers say.
#include <fmt/format.h>

#include "lang/interp.h"
#include "support/diagnostics.h"

namespace nki::lang {

namespace {

bool is_register(const Value& v) {
  return v.kind == VKind::Object && v.as<ObjectObj>().type_name == "VirtualRegister";
}

Value make_register(Interp& in, bool frozen) {
  auto o = std::make_shared<ObjectObj>();
  int id = in.kernel.num_registers++;
  o->type_name = "VirtualRegister";
  o->repr = fmt::format("<VirtualRegister r{}>", id);
  o->attrs["id"] = Value::integer(id);
  o->attrs["frozen"] = Value::boolean(frozen);
  return Value::heap(VKind::Object, o);
}

int64_t reg_id(const Value& v) {
  return v.as<ObjectObj>().attrs.at("id").i;
}

const Value& register_arg(Interp& in, const ArgBinder& b, const std::string& name) {
  const Value& v = b.req(name);
  if (!is_register(v))
    in.fail(b.loc(), b.fname() + "(): " + name + " must be a VirtualRegister (nisa.register_alloc()), not " +
                         type_name(v));
  return v;
}

// A single-element tensor operand for register_load / register_store.
Operand scalar_tensor(Interp& in, const ArgBinder& b, const std::string& name) {
  const AccessPattern& ap = to_tensor(in, b.req(name), b.fname() + "() " + name, b.loc()).ap;
  if (ap.num_elements() != 1)
    in.fail(b.loc(), fmt::format("{}(): {} must hold exactly one element, it has {}", b.fname(), name,
                                 ap.num_elements()));
  if (dtype_size(ap.dtype) > 4) in.fail(b.loc(), b.fname() + "(): registers hold 32-bit values");
  return Operand::tensor(ap);
}

void check_writable(Interp& in, const Value& reg, SourceLoc loc) {
  if (reg.as<ObjectObj>().attrs.at("frozen").b)
    in.fail(loc, "cannot write the induction variable of a runtime loop; it is read-only inside the loop");
}

void move_into(Interp& in, const Value& dst, const Value& src, SourceLoc loc) {
  check_writable(in, dst, loc);
  Instruction& inst = in.emit(Opcode::register_move, loc);
  inst.engine = Engine::Sync;
  inst.set_attr("dst", reg_id(dst));
  if (is_register(src))
    inst.set_attr("src", reg_id(src));
  else
    inst.set_attr("imm", to_int(in, src, "register_move() src", loc));
}

void load_into(Interp& in, const Value& dst, Operand src, SourceLoc loc) {
  check_writable(in, dst, loc);
  Instruction& inst = in.emit(Opcode::register_load, loc);
  inst.engine = Engine::Sync;
  inst.operand("src") = std::move(src);
  inst.set_attr("dst", reg_id(dst));
}

// A loop bound: an int or a register.
void set_bound(Interp& in, Instruction& inst, const char* key, const Value& v, SourceLoc loc) {
  if (is_register(v))
    inst.set_attr(std::string(key) + "_reg", reg_id(v));
  else
    inst.set_attr(key, to_int(in, v, std::string("loop ") + key, loc));
}

// The header of a range loop: a fresh read-only induction register, the bounds and the step.
Value range_header(Interp& in, Instruction& inst, const Value& start, const Value& stop, int64_t step,
                   SourceLoc loc) {
  inst.set_attr("kind", std::string("range"));
  Value iv = make_register(in, true);
  inst.set_attr("iv", reg_id(iv));
  set_bound(in, inst, "start", start, loc);
  set_bound(in, inst, "stop", stop, loc);
  inst.set_attr("step", step);
  return iv;
}

}  // namespace

bool Interp::is_register_value(const Value& v) {
  return is_register(v);
}

// Emits loop_begin, runs `body` once inside, emits loop_end.
void Interp::runtime_loop(SourceLoc loc, const std::function<void(Instruction&)>& header,
                          const std::function<void()>& body) {
  if (no_reorder_depth_ > 0)
    fail(loc,
         "runtime loops are not allowed inside `with nl.no_reorder():`; put the "
         "no_reorder block inside the loop body instead");
  size_t begin = kernel.body.size();
  {
    Instruction& inst = emit(Opcode::loop_begin, loc);
    inst.engine = Engine::Sync;
    header(inst);
  }
  ++runtime_loop_depth_;
  struct Leave {
    Interp* in;
    ~Leave() { --in->runtime_loop_depth_; }
  } leave{this};
  body();
  Instruction& end = emit(Opcode::loop_end, loc);
  end.engine = Engine::Sync;
  end.set_attr("begin", static_cast<int64_t>(begin));
  kernel.body[begin].set_attr("end", static_cast<int64_t>(kernel.body.size() - 1));
}

// The body of a runtime loop may not leave it early: its iteration count is decided at run time.
void Interp::runtime_body(const ast::Body& body, Env& env, SourceLoc loc) {
  Flow f = exec_body(body, env);
  if (f == Flow::Break || f == Flow::Continue)
    fail(loc,
         "'break' and 'continue' cannot be used in a runtime loop: its iterations are decided at run time");
  if (f == Flow::Return) fail(loc, "'return' cannot be used inside a runtime loop");
}

Interp::Flow Interp::exec_runtime_for(const ast::Stmt& s, const Value& range, Env& env) {
  const auto& r = range.as<ObjectObj>().attrs;
  runtime_loop(
      s.loc,
      [&](Instruction& inst) {
        assign(*s.target, range_header(*this, inst, r.at("start"), r.at("stop"), r.at("step").i, s.loc), env);
      },
      [&] { runtime_body(s.body, env, s.loc); });
  if (!s.orelse.empty()) fail(s.loc, "a runtime loop cannot have an 'else' block");
  return Flow::Normal;
}

Interp::Flow Interp::exec_runtime_while(const ast::Stmt& s, const Value& cond, Env& env) {
  if (!s.orelse.empty()) fail(s.loc, "a runtime loop cannot have an 'else' block");
  runtime_loop(
      s.loc,
      [&](Instruction& inst) {
        inst.set_attr("kind", std::string("while"));
        inst.set_attr("cond", reg_id(cond));
      },
      [&] { runtime_body(s.body, env, s.loc); });
  return Flow::Normal;
}

Value register_holding(Interp& in, int64_t value, SourceLoc loc) {
  Value r = make_register(in, false);
  move_into(in, r, Value::integer(value), loc);
  return r;
}

void install_runtime_control(Interp&, std::unordered_map<std::string, Value>& nl_attrs,
                             std::unordered_map<std::string, Value>& nisa_attrs) {
  auto nisa_def = [&nisa_attrs](const std::string& name, BuiltinFn fn) {
    nisa_attrs[name] = make_builtin("nisa." + name, std::move(fn));
  };
  auto nl_def = [&nl_attrs](const std::string& name, BuiltinFn fn) {
    nl_attrs[name] = make_builtin("nl." + name, std::move(fn));
  };

  nisa_def("register_alloc", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.register_alloc", {"x="});
    Value r = make_register(in, false);
    if (b.has("x") && !b.get("x")->is_none()) {
      const Value& x = *b.get("x");
      if (x.kind == VKind::Tensor) {
        load_into(in, r, scalar_tensor(in, b, "x"), a.loc);
      } else {
        move_into(in, r, x, a.loc);
      }
    }
    return r;
  });
  nisa_def("register_move", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.register_move", {"dst", "src"});
    move_into(in, register_arg(in, b, "dst"), b.req("src"), a.loc);
    return Value::none();
  });
  nisa_def("register_load", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.register_load", {"dst", "src"});
    const Value& dst = register_arg(in, b, "dst");
    load_into(in, dst, scalar_tensor(in, b, "src"), a.loc);
    return Value::none();
  });
  nisa_def("register_store", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nisa.register_store", {"dst", "src"});
    Operand dst = scalar_tensor(in, b, "dst");
    const Value& src = register_arg(in, b, "src");
    Instruction& inst = in.emit(Opcode::register_store, a.loc);
    inst.engine = Engine::Sync;
    inst.operand("dst") = dst;
    inst.set_attr("src", reg_id(src));
    return Value::none();
  });

  nl_def("dynamic_range", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.dynamic_range", {"start", "stop=", "step="});
    auto o = std::make_shared<ObjectObj>();
    o->type_name = "dynamic_range";
    o->repr = "nl.dynamic_range(...)";
    Value start = b.req("start");
    Value stop = b.has("stop") && !b.get("stop")->is_none() ? *b.get("stop") : Value::none();
    if (stop.is_none()) {
      stop = start;
      start = Value::integer(0);
    }
    for (const Value* v : {&start, &stop})
      if (!in.is_register_value(*v)) to_int(in, *v, "nl.dynamic_range() bound", a.loc);
    int64_t step = b.has("step") ? to_int(in, *b.get("step"), "nl.dynamic_range() step", a.loc) : 1;
    if (step <= 0)
      in.fail(a.loc,
              fmt::format("nl.dynamic_range(): step must be a positive compile-time int, got {}", step));
    o->attrs["start"] = start;
    o->attrs["stop"] = stop;
    o->attrs["step"] = Value::integer(static_cast<int32_t>(step));
    return Value::heap(VKind::Object, o);
  });
  nl_def("fori_loop", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.fori_loop", {"lower", "upper", "body_fun", "step="});
    const Value& fn = b.req("body_fun");
    int64_t step = b.has("step") ? to_int(in, *b.get("step"), "nl.fori_loop() step", a.loc) : 1;
    if (step <= 0)
      in.fail(a.loc, fmt::format("nl.fori_loop(): step must be a positive compile-time int, got {}", step));
    Value iv;
    in.runtime_loop(
        a.loc,
        [&](Instruction& inst) { iv = range_header(in, inst, b.req("lower"), b.req("upper"), step, a.loc); },
        [&] {
          CallArgs c;
          c.loc = a.loc;
          c.pos.push_back(iv);
          in.call(fn, c);
        });
    return Value::none();
  });
  nl_def("while_loop", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.while_loop", {"init", "body_fun"});
    const Value& cond = register_arg(in, b, "init");
    const Value& fn = b.req("body_fun");
    in.runtime_loop(
        a.loc,
        [&](Instruction& inst) {
          inst.set_attr("kind", std::string("while"));
          inst.set_attr("cond", reg_id(cond));
        },
        [&] {
          CallArgs c;
          c.loc = a.loc;
          c.pos.push_back(cond);
          Value next = in.call(fn, c);
          if (!in.is_register_value(next))
            in.fail(a.loc,
                    "nl.while_loop(): body_fun must return the next condition as a VirtualRegister, not " +
                        type_name(next));
          if (reg_id(next) != reg_id(cond)) move_into(in, cond, next, a.loc);
        });
    return cond;
  });
}

void check_runtime_loop_scopes(const Kernel& k) {
  // A tensor allocated inside a runtime loop body exists only there.
  std::vector<std::pair<size_t, size_t>> loops;
  for (size_t i = 0; i < k.body.size(); ++i)
    if (k.body[i].op == Opcode::loop_begin)
      loops.emplace_back(i, static_cast<size_t>(k.body[i].attr_int("end")));
  if (loops.empty()) return;
  std::vector<int64_t> owner(k.storages.size(), -1);  // loop (by index) that allocated each storage
  for (size_t l = 0; l < loops.size(); ++l)
    for (size_t i = loops[l].first; i <= loops[l].second; ++i)
      if (k.body[i].op == Opcode::alloc)
        owner[k.body[i].operands[0].ap.storage->id] = static_cast<int64_t>(l);
  for (size_t i = 0; i < k.body.size(); ++i)
    for (const auto& o : k.body[i].operands) {
      if (!o.is_tensor() || owner[o.ap.storage->id] < 0) continue;
      auto [b, e] = loops[owner[o.ap.storage->id]];
      if (i > e || i < b) {
        UserError err(k.body[i].loc, "tensor '" + o.ap.storage->name +
                                         "' was allocated inside a runtime loop (at " +
                                         o.ap.storage->loc.str() + ") and cannot be used outside it");
        if (k.body[i].stack) err.set_call_chain(*k.body[i].stack);
        throw err;
      }
    }
}

}  // namespace nki::lang

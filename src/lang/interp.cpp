// The specializer's statements: modules and imports, assignment, control flow (compile-time
// conditions, unrolled loops), function definitions and inlined calls.
#include "lang/interp.h"

#include <algorithm>

#include "lang/classes.h"
#include "support/diagnostics.h"
#include "support/shape.h"

namespace nki::lang {

Interp::Interp(const Arch& a, Kernel& k, InterpOptions o) : arch(a), kernel(k), options(std::move(o)) {
  install_python_builtins(*this, builtins_);
  auto nl = make_language_module(*this);
  auto nisa = make_isa_module(*this);
  install_runtime_control(*this, nl->attrs, nisa->attrs);
  auto nki = std::make_shared<ModuleObj>();
  nki->name = "nki";
  nki->attrs["language"] = Value::heap(VKind::Module, nl);
  nki->attrs["isa"] = Value::heap(VKind::Module, nisa);
  // @nki.jit / @nki.jit(...) / nki.jit(f): the kernel function itself is what we specialize.
  nki->attrs["jit"] = make_builtin("nki.jit", [](Interp&, CallArgs& a) -> Value {
    if (a.pos.size() == 1 && a.kw.empty() && (a.pos[0].kind == VKind::Function)) return a.pos[0];
    return make_builtin("nki.jit", [](Interp& in, CallArgs& b) -> Value {
      if (b.pos.size() != 1 || !b.kw.empty()) in.fail(b.loc, "nki.jit(...) decorates exactly one function");
      return b.pos[0];
    });
  });
  auto constants = make_isa_constants_module(*nisa);
  nisa->attrs["constants"] = Value::heap(VKind::Module, constants);
  auto nt = make_nki_typing_module();
  nki->attrs["typing"] = Value::heap(VKind::Module, nt);
  auto ncc = make_collectives_module();
  nki->attrs["collectives"] = Value::heap(VKind::Module, ncc);
  for (auto& m : {nki, nl, nisa, constants, nt, ncc, make_dataclasses_module(), make_enum_module(),
                  make_math_module(), make_numpy_module(), make_typing_module()})
    modules_[m->name] = m;
}

Interp::~Interp() = default;

void Interp::fail(SourceLoc loc, const std::string& message) const {
  fail(loc, message, ErrorClass::general);
}

void Interp::fail(SourceLoc loc, const std::string& message, ErrorClass c) const {
  UserError e(loc, message);
  e.set_call_chain(call_sites_);
  e.set_error_class(c);
  throw e;
}

void Interp::spend(int64_t steps, SourceLoc loc) {
  steps_ += steps;
  if (steps_ > options.max_compile_steps)
    fail(loc,
         "the kernel's compile-time Python passed " + std::to_string(options.max_compile_steps) +
             " steps here (loop iterations, calls and elements of built lists and strings, all together); "
             "a runaway loop or a huge value? (--max-compile-steps raises the limit)");
}

Instruction& Interp::emit(Opcode op, SourceLoc loc) {
  if (static_cast<int64_t>(kernel.body.size()) >= options.max_instructions)
    fail(loc, "the kernel unrolls to more than " + std::to_string(options.max_instructions) +
                  " instructions; reduce the problem size or the unrolling");
  Instruction inst;
  inst.op = op;
  inst.loc = loc;
  if (!call_sites_.empty()) {
    if (!stack_cache_) stack_cache_ = std::make_shared<const std::vector<SourceLoc>>(call_sites_);
    inst.stack = stack_cache_;
  }
  inst.operands.resize(op_info(op).operands.size());
  if (no_reorder_depth_ > 0 && op != Opcode::alloc) {
    if (no_reorder_last_ >= 0) inst.deps.push_back(static_cast<uint32_t>(no_reorder_last_));
    no_reorder_last_ = static_cast<int64_t>(kernel.body.size());
  }
  kernel.body.push_back(std::move(inst));
  return kernel.body.back();
}

Value Interp::new_tensor(const std::string& name, Buffer buffer, DType dtype, std::vector<int64_t> shape,
                         SourceLoc loc) {
  // Every size and stride of a tensor is an int64 of bytes or elements; a shape whose byte count
  // overflows that is an error here, before any arithmetic on it.
  int64_t bytes = dtype_size(dtype);
  for (int64_t d : shape)
    if (__builtin_mul_overflow(bytes, d, &bytes))
      fail(loc, "a " + std::string(dtype_name(dtype)) + " tensor of shape " +
                    shape_str(shape, ShapeForm::Tuple) +
                    " is too large: its size in bytes does not fit in 64 bits");
  Storage& s = kernel.add_storage(name, buffer, dtype, std::move(shape), loc);
  auto t = std::make_shared<TensorObj>();
  t->ap = AccessPattern::whole(s);
  Instruction& inst = emit(Opcode::alloc, loc);
  inst.operands[0] = Operand::tensor(t->ap);
  return Value::heap(VKind::Tensor, t);
}

// ---------------------------------------------------------------------------------------------
// Modules

HostSession& Interp::host() const {
  NKI_CHECK(host_ != nullptr, "the specializer runs without a host");
  return *host_;
}

std::shared_ptr<ModuleObj> Interp::builtin_module(const std::string& dotted) const {
  auto it = modules_.find(dotted);
  return it == modules_.end() ? nullptr : it->second;
}

Value Interp::import_module(const std::string& dotted, const ModuleObj* importer, int level, SourceLoc loc) {
  if (level == 0)
    if (auto m = builtin_module(dotted)) return Value::heap(VKind::Module, m);
  return host().import_module(dotted, importer, level, loc);
}

// `import a.b as c`, `import a.b` (binds a), `from a import b`, `from .a import b` in kernel code:
// Python's module system (the host) finds the modules; nki's own modules come first.
Interp::Flow Interp::exec_import(const ast::Stmt& s, Env& env) {
  if (s.kind == ast::StmtKind::Import) {
    for (const auto& alias : s.names) {
      Value m = import_module(alias.name, env.module, 0, alias.loc);
      if (!alias.asname.empty())
        env.bind(alias.asname, m);
      else
        env.bind(alias.name.substr(0, alias.name.find('.')),
                 import_module(alias.name.substr(0, alias.name.find('.')), env.module, 0, alias.loc));
    }
    return Flow::Normal;
  }
  Value base = import_module(s.module, env.module, s.level, s.loc);
  for (const auto& alias : s.names) {
    if (alias.name == "*")
      fail(alias.loc, "'from ... import *' is not supported in kernels; import the names you use");
    const Value* found =
        base.kind == VKind::Module ? base.as<ModuleObj>().find(alias.name, alias.loc) : nullptr;
    Value target;
    if (found) {
      target = *found;
    } else {
      std::string sub = s.module.empty() ? alias.name : s.module + "." + alias.name;
      target = import_module(sub, env.module, s.level, alias.loc);
    }
    env.bind(alias.asname.empty() ? alias.name : alias.asname, target);
  }
  return Flow::Normal;
}

// ---------------------------------------------------------------------------------------------
// Statements

Interp::Flow Interp::exec_body(const ast::Body& body, Env& env) {
  for (const auto& s : body) {
    Flow f = exec_stmt(*s, env);
    if (f != Flow::Normal) return f;
  }
  return Flow::Normal;
}

namespace {
const char* unsupported_stmt(ast::StmtKind k) {
  switch (k) {
    case ast::StmtKind::Global: return "'global' is not supported in NKI kernels";
    case ast::StmtKind::Nonlocal: return "'nonlocal' is not supported in NKI kernels";
    case ast::StmtKind::Delete: return "'del' is not supported in NKI kernels";
    case ast::StmtKind::Raise: return "'raise' is not supported in NKI kernels; use assert";
    case ast::StmtKind::Try: return "'try' is not supported in NKI kernels";
    default: return nullptr;
  }
}
}  // namespace

Interp::Flow Interp::exec_stmt(const ast::Stmt& s, Env& env) {
  try {
    switch (s.kind) {
      case ast::StmtKind::Expr: eval(*s.value, env); return Flow::Normal;
      case ast::StmtKind::Assign: {
        if (s.targets.size() == 1 && s.targets[0]->kind == ast::ExprKind::Name)
          pending_name = s.targets[0]->id;
        Value v = eval(*s.value, env);
        pending_name.clear();
        for (const auto& t : s.targets) assign(*t, v, env);
        return Flow::Normal;
      }
      case ast::StmtKind::AnnAssign:
        if (env.class_body && s.target->kind == ast::ExprKind::Name)
          env.class_body->annotated.push_back(s.target->id);
        if (s.value) {
          if (s.target->kind == ast::ExprKind::Name) pending_name = s.target->id;
          Value v = eval(*s.value, env);
          pending_name.clear();
          assign(*s.target, v, env);
        }
        return Flow::Normal;
      case ast::StmtKind::AugAssign: {
        Value cur = eval(*s.target, env);
        Value rhs = eval(*s.value, env);
        assign(*s.target, eval_binop(s.aug_op, cur, rhs, s.loc), env);
        return Flow::Normal;
      }
      case ast::StmtKind::Return:
        if (!env.scope) fail(s.loc, "'return' outside function");
        env.return_value = s.value ? eval(*s.value, env) : Value::none();
        return Flow::Return;
      case ast::StmtKind::Pass: return Flow::Normal;
      case ast::StmtKind::Break: return Flow::Break;
      case ast::StmtKind::Continue: return Flow::Continue;
      case ast::StmtKind::If: {
        Value test = eval(*s.test, env);
        if (is_register_value(test))
          fail(s.test->loc,
               "a VirtualRegister holds a run-time value and cannot decide a Python `if`; "
               "use a runtime loop (nl.while_loop) or compute on tensors");
        return truthy(test) ? exec_body(s.body, env) : exec_body(s.orelse, env);
      }
      case ast::StmtKind::While: {
        Value first = eval(*s.test, env);
        if (is_register_value(first)) return exec_runtime_while(s, first, env);
        int64_t iterations = 0;
        for (Value test = first; truthy(test); test = eval(*s.test, env)) {
          ++iterations;
          if (steps_ + 1 > options.max_compile_steps)
            fail(s.loc, "this while loop ran " + std::to_string(iterations) +
                            " times at compile time, past the budget of " +
                            std::to_string(options.max_compile_steps) +
                            " compile-time steps; is its condition ever false? (--max-compile-steps raises "
                            "the limit)");
          spend(1, s.loc);
          Flow f = exec_body(s.body, env);
          if (f == Flow::Break) return Flow::Normal;
          if (f == Flow::Return) return f;
        }
        return exec_body(s.orelse, env);
      }
      case ast::StmtKind::For: return exec_for(s, env);
      case ast::StmtKind::FunctionDef:
        env.bind(s.name, decorate(s, make_function(&s, nullptr, env), env));
        return Flow::Normal;
      case ast::StmtKind::ClassDef:
        env.bind(s.name, decorate(s, define_class(*this, s, env), env));
        if (env.class_body) env.class_body->order.push_back(s.name);
        return Flow::Normal;
      case ast::StmtKind::Import:
      case ast::StmtKind::ImportFrom: return exec_import(s, env);
      case ast::StmtKind::Assert:
        if (!truthy(eval(*s.test, env))) {
          std::string msg = "assertion failed";
          if (s.msg) msg += ": " + to_str(eval(*s.msg, env));
          fail(s.loc, msg, ErrorClass::assertion);
        }
        return Flow::Normal;
      case ast::StmtKind::With: return exec_with(s, env);
      default:
        if (const char* m = unsupported_stmt(s.kind)) fail(s.loc, m);
        fail(s.loc, "unsupported statement");
    }
  } catch (UserError& e) {
    e.set_loc_if_missing(s.loc);
    if (e.call_chain().empty() && !call_sites_.empty()) e.set_call_chain(call_sites_);
    throw;
  }
}

// Applies a def's or class's decorators, innermost (last written) first.
Value Interp::decorate(const ast::Stmt& s, Value v, Env& env) {
  for (auto it = s.decorators.rbegin(); it != s.decorators.rend(); ++it) {
    Value dec = eval(**it, env);
    CallArgs args;
    args.pos.push_back(v);
    args.loc = (*it)->loc;
    v = call(dec, args);
  }
  return v;
}

void Interp::iterate(const Value& it, SourceLoc loc, const std::function<bool(const Value&)>& body) {
  switch (it.kind) {
    case VKind::Range: {
      const auto& r = it.as<RangeObj>();
      for (int64_t i = r.start; r.step > 0 ? i < r.stop : i > r.stop; i += r.step) {
        spend(1, loc);
        if (!body(Value::integer(static_cast<int32_t>(i)))) return;
      }
      return;
    }
    case VKind::Tuple:
    case VKind::List: {
      // Iterate over a snapshot index so appends during iteration behave like Python's.
      auto& seq = it.as<SeqObj>();
      for (size_t i = 0; i < seq.items.size(); ++i) {
        spend(1, loc);
        Value v = seq.items[i];
        if (!body(v)) return;
      }
      return;
    }
    case VKind::Dict: {
      auto items = it.as<DictObj>().items;  // a snapshot, as the loop body may change the dict
      for (auto& kv : items) {
        spend(1, loc);
        if (!body(kv.first)) return;
      }
      return;
    }
    case VKind::Class: {
      const auto& cls = it.as<ClassObj>();
      if (cls.kind != ClassObj::Kind::Enum) break;
      for (const auto& name : cls.enum_order)
        if (!body(cls.attrs.at(name))) return;
      return;
    }
    case VKind::Str: {
      std::string s = it.as<StrObj>().s;
      for (char c : s) {
        spend(1, loc);
        if (!body(Value::str(std::string(1, c)))) return;
      }
      return;
    }
    default: break;
  }
  fail(loc, "'" + type_name(it) + "' object is not iterable");
}

Interp::Flow Interp::exec_for(const ast::Stmt& s, Env& env) {
  Value it = eval(*s.iter, env);
  if (it.kind == VKind::Object && it.as<ObjectObj>().type_name == "dynamic_range")
    return exec_runtime_for(s, it, env);
  Flow result = Flow::Normal;
  bool broke = false;
  iterate(it, s.iter->loc, [&](const Value& v) {
    assign(*s.target, v, env);
    Flow f = exec_body(s.body, env);
    if (f == Flow::Break) {
      broke = true;
      return false;
    }
    if (f == Flow::Return) {
      result = f;
      return false;
    }
    return true;
  });
  if (result == Flow::Return) return result;
  if (!broke) return exec_body(s.orelse, env);
  return Flow::Normal;
}

void Interp::assign(const ast::Expr& target, const Value& v, Env& env) {
  switch (target.kind) {
    case ast::ExprKind::Name:
      if (env.class_body && !env.scope->vars.count(target.id)) env.class_body->order.push_back(target.id);
      env.bind(target.id, v);
      return;
    case ast::ExprKind::Tuple:
    case ast::ExprKind::List: {
      if (v.kind != VKind::Tuple && v.kind != VKind::List)
        fail(target.loc, "cannot unpack non-sequence " + type_name(v));
      const auto& items = v.as<SeqObj>().items;
      size_t star = target.elts.size();
      for (size_t i = 0; i < target.elts.size(); ++i)
        if (target.elts[i]->kind == ast::ExprKind::Starred) star = i;
      if (star == target.elts.size()) {
        if (items.size() != target.elts.size())
          fail(target.loc,
               items.size() > target.elts.size()
                   ? "too many values to unpack (expected " + std::to_string(target.elts.size()) + ")"
                   : "not enough values to unpack (expected " + std::to_string(target.elts.size()) +
                         ", got " + std::to_string(items.size()) + ")");
        for (size_t i = 0; i < items.size(); ++i) assign(*target.elts[i], items[i], env);
        return;
      }
      size_t after = target.elts.size() - star - 1;
      if (items.size() < star + after) fail(target.loc, "not enough values to unpack");
      for (size_t i = 0; i < star; ++i) assign(*target.elts[i], items[i], env);
      std::vector<Value> mid(items.begin() + star, items.end() - after);
      assign(*target.elts[star]->a, Value::list(std::move(mid)), env);
      for (size_t i = 0; i < after; ++i)
        assign(*target.elts[star + 1 + i], items[items.size() - after + i], env);
      return;
    }
    case ast::ExprKind::Subscript: {
      Value obj = eval(*target.a, env);
      Value key = eval(*target.b, env);
      if (obj.kind == VKind::List) {
        auto& items = obj.as<SeqObj>().items;
        int64_t i = to_int(*this, key, "list index", target.b->loc);
        if (i < 0) i += items.size();
        if (i < 0 || i >= static_cast<int64_t>(items.size()))
          fail(target.loc, "list assignment index out of range");
        items[i] = v;
        return;
      }
      if (obj.kind == VKind::Dict) {
        // A dict looks its keys up one by one: a store costs a step per entry (spend), so a
        // dict grown in a loop cannot take quadratic time unbounded.
        spend(static_cast<int64_t>(obj.as<DictObj>().items.size()), target.loc);
        obj.as<DictObj>().set(dict_key(*this, key, target.b->loc), v);
        return;
      }
      if (obj.kind == VKind::Tensor)
        fail(target.loc,
             "assigning into a tensor view ('t[...] = value') is not supported yet; "
             "write with an nki.isa instruction (e.g. nisa.tensor_copy(dst=t[...], src=value))");
      fail(target.loc, "'" + type_name(obj) + "' object does not support item assignment");
    }
    case ast::ExprKind::Attribute: {
      Value obj = eval(*target.a, env);
      if (obj.kind == VKind::Instance) {
        set_instance_attribute(*this, obj, target.id, v, target.loc);
        return;
      }
      if (obj.kind == VKind::Module) {
        obj.as<ModuleObj>().attrs[target.id] = v;
        return;
      }
      fail(target.loc, "cannot set attribute '" + target.id + "' of '" + type_name(obj) + "' object");
    }
    case ast::ExprKind::Starred: fail(target.loc, "starred assignment target must be in a list or tuple");
    default: fail(target.loc, "cannot assign to expression");
  }
}

// ---------------------------------------------------------------------------------------------
// Functions

Value Interp::make_function(const ast::Stmt* def, const ast::Expr* lambda, Env& env) {
  auto fn = std::make_shared<FunctionObj>();
  const std::vector<ast::Param>& params = def ? def->params : lambda->params;
  fn->name = def ? def->name : "<lambda>";
  fn->params = &params;
  fn->body = def ? &def->body : nullptr;
  fn->lambda_body = lambda ? lambda->a.get() : nullptr;
  fn->loc = def ? def->loc : lambda->loc;
  fn->closure = env.scope;
  fn->module = env.module;
  for (const auto& p : params) {
    fn->has_default.push_back(p.default_value != nullptr);
    fn->defaults.push_back(p.default_value ? eval(*p.default_value, env) : Value::none());
  }
  return Value::heap(VKind::Function, fn);
}

void Interp::bind_params(const FunctionObj& fn, CallArgs& args, Scope& scope) {
  const auto& params = *fn.params;
  std::vector<bool> bound(params.size(), false);
  // Positional arguments fill the parameters before the first *args, bare '*' or **kwargs.
  size_t n_positional = 0;
  while (n_positional < params.size() && params[n_positional].kind == ast::Param::Kind::Normal)
    ++n_positional;
  bool has_varargs = n_positional < params.size() && params[n_positional].kind == ast::Param::Kind::VarArgs;
  std::vector<Value> extra_pos;
  for (size_t k = 0; k < args.pos.size(); ++k) {
    if (k < n_positional) {
      scope.vars[params[k].name] = args.pos[k];
      bound[k] = true;
    } else if (has_varargs) {
      extra_pos.push_back(args.pos[k]);
    } else {
      fail(args.loc,
           fn.name + "() takes " + std::to_string(n_positional) + " positional argument" +
               (n_positional == 1 ? "" : "s") + " but " + std::to_string(args.pos.size()) +
               (args.pos.size() == 1 ? " was" : " were") + " given",
           ErrorClass::type);
    }
  }
  auto kwargs = std::make_shared<DictObj>();
  for (auto& [name, v] : args.kw) {
    bool found = false;
    for (size_t i = 0; i < params.size(); ++i) {
      if (params[i].kind == ast::Param::Kind::Normal && params[i].name == name) {
        if (bound[i])
          fail(args.loc, fn.name + "() got multiple values for argument '" + name + "'", ErrorClass::type);
        scope.vars[name] = v;
        bound[i] = found = true;
        break;
      }
    }
    if (!found) {
      bool has_kwargs = std::any_of(params.begin(), params.end(),
                                    [](const ast::Param& p) { return p.kind == ast::Param::Kind::KwArgs; });
      if (!has_kwargs)
        fail(args.loc, fn.name + "() got an unexpected keyword argument '" + name + "'", ErrorClass::type);
      kwargs->set(name, v);
    }
  }
  for (size_t i = 0; i < params.size(); ++i) {
    const auto& p = params[i];
    if (p.kind == ast::Param::Kind::VarArgs)
      scope.vars[p.name] = Value::tuple(extra_pos);
    else if (p.kind == ast::Param::Kind::KwArgs)
      scope.vars[p.name] = Value::heap(VKind::Dict, kwargs);
    else if (p.kind == ast::Param::Kind::Normal && !bound[i]) {
      if (!fn.has_default[i])
        fail(args.loc, fn.name + "() missing required argument '" + p.name + "'", ErrorClass::type);
      scope.vars[p.name] = fn.defaults[i];
    }
  }
}

Value Interp::call_function(const FunctionObj& fn, CallArgs& args, bool push_site) {
  if (static_cast<int>(call_sites_.size()) >= options.max_call_depth)
    fail(args.loc, "calls nested more than " + std::to_string(options.max_call_depth) +
                       " deep (runaway recursion? --max-call-depth raises the limit)");
  auto scope = std::make_shared<Scope>();
  scope->parent = fn.closure;
  bind_params(fn, args, *scope);
  Env env;
  env.scope = scope;
  env.module = fn.module;
  if (push_site) {
    call_sites_.push_back(args.loc);
    stack_cache_.reset();
  }
  struct Pop {
    Interp* in;
    bool active;
    ~Pop() {
      if (!active) return;
      in->call_sites_.pop_back();
      in->stack_cache_.reset();
    }
  } pop{this, push_site};
  if (fn.lambda_body) return eval(*fn.lambda_body, env);
  Flow f = exec_body(*fn.body, env);
  if (f == Flow::Break || f == Flow::Continue) fail(fn.loc, "'break' or 'continue' outside a loop");
  return f == Flow::Return ? env.return_value : Value::none();
}

Value Interp::call(const Value& callee, CallArgs& args) {
  spend(1, args.loc);  // a loop of few iterations over a huge expression is work too
  switch (callee.kind) {
    case VKind::Function: return call_function(callee.as<FunctionObj>(), args);
    case VKind::Builtin: return callee.as<BuiltinObj>().fn(*this, args);
    case VKind::Class: return call_class(*this, callee, args);
    case VKind::Instance: return call_instance(*this, callee, args);
    case VKind::StaticMethod: return call(callee.as<StaticMethodObj>().fn, args);  // Python 3.10+
    default: fail(args.loc, "'" + type_name(callee) + "' object is not callable");
  }
}

}  // namespace nki::lang

// User classes: definition, instantiation, attribute access (see classes.h).
#include "lang/classes.h"

#include <fmt/format.h>

#include "support/diagnostics.h"

namespace nki::lang {

const Value* ClassObj::find(const std::string& n) const {
  auto it = attrs.find(n);
  if (it != attrs.end()) return &it->second;
  if (host)  // a Python class: its own __dict__ before its bases, as Python's lookup goes
    if (std::optional<Value> v = host->fetch(n, SourceLoc{}))
      return &const_cast<ClassObj*>(this)->attrs.emplace(n, std::move(*v)).first->second;
  for (const auto& b : bases)
    if (const Value* v = b->find(n)) return v;
  return nullptr;
}

bool ClassObj::is_subclass_of(const ClassObj* other) const {
  if (this == other) return true;
  for (const auto& b : bases)
    if (b->is_subclass_of(other)) return true;
  return false;
}

bool ClassObj::has_fields_init() const {
  if (is_dataclass || this == nkiobject_class().get()) return true;
  for (const auto& b : bases)
    if (b->has_fields_init()) return true;
  return false;
}

Value* InstanceObj::find(const std::string& n) {
  for (auto& kv : attrs)
    if (kv.first == n) return &kv.second;
  return nullptr;
}

void InstanceObj::set(const std::string& n, Value v) {
  if (Value* p = find(n))
    *p = std::move(v);
  else
    attrs.emplace_back(n, std::move(v));
}

namespace {

std::shared_ptr<ClassObj> base_class(const std::string& name, ClassObj::Kind kind) {
  auto c = std::make_shared<ClassObj>();
  c->name = name;
  c->kind = ClassObj::Kind::Base;
  (void)kind;
  return c;
}

std::shared_ptr<ClassObj> enum_class() {
  static auto c = base_class("Enum", ClassObj::Kind::Enum);
  return c;
}

bool is_enum(const ClassObj& c) {
  return c.kind == ClassObj::Kind::Enum;
}

Value new_instance(const std::shared_ptr<ClassObj>& cls) {
  auto o = std::make_shared<InstanceObj>();
  o->cls = cls;
  return Value::heap(VKind::Instance, o);
}

// A function bound to `self`: calling it prepends self to the arguments.
Value bind(const Value& fn, const Value& self) {
  auto b = std::make_shared<BuiltinObj>();
  b->name = fn.kind == VKind::Function ? fn.as<FunctionObj>().name : fn.as<BuiltinObj>().name;
  b->self = self;
  b->fn = [fn, self](Interp& in, CallArgs& a) {
    CallArgs c = a;
    c.pos.insert(c.pos.begin(), self);
    return in.call(fn, c);
  };
  return Value::heap(VKind::Builtin, b);
}

// `@dataclass` or `@dataclass(frozen=True, ...)` marks the class; NKIObject classes get their
// __init__ synthesized either way.
Value dataclass_decorator(bool frozen) {
  return make_builtin("dataclasses.dataclass", [frozen](Interp& in, CallArgs& a) -> Value {
    if (a.pos.size() != 1 || a.pos[0].kind != VKind::Class) in.fail(a.loc, "@dataclass decorates a class");
    auto& c = a.pos[0].as<ClassObj>();
    c.is_dataclass = true;
    c.frozen = c.frozen || frozen;
    return a.pos[0];
  });
}

}  // namespace

Value bind_method(const Value& fn, const Value& self) {
  return bind(fn, self);
}

std::shared_ptr<ClassObj> enum_base_class() {
  return enum_class();
}

std::shared_ptr<ClassObj> nkiobject_class() {
  static auto c = base_class("NKIObject", ClassObj::Kind::Object);
  return c;
}

std::shared_ptr<ClassObj> object_class() {
  static auto c = base_class("object", ClassObj::Kind::Object);
  return c;
}

Value method_wrapper(Interp& in, CallArgs& a, bool is_static) {
  const char* what = is_static ? "staticmethod" : "classmethod";
  ArgBinder b(in, a, what, {"function"});
  const Value& fn = b.req("function");
  if (fn.kind != VKind::Function && fn.kind != VKind::Builtin)
    in.fail(a.loc, std::string(what) + "() wraps a function, not " + type_name(fn), ErrorClass::type);
  if (is_static) {
    auto o = std::make_shared<StaticMethodObj>();
    o->fn = fn;
    return Value::heap(VKind::StaticMethod, o);
  }
  auto o = std::make_shared<ClassMethodObj>();
  o->fn = fn;
  return Value::heap(VKind::ClassMethod, o);
}

std::shared_ptr<ModuleObj> make_dataclasses_module() {
  auto m = std::make_shared<ModuleObj>();
  m->name = "dataclasses";
  m->attrs["dataclass"] = make_builtin("dataclasses.dataclass", [](Interp& in, CallArgs& a) -> Value {
    if (a.pos.size() == 1 && a.kw.empty() && a.pos[0].kind == VKind::Class) {
      CallArgs b = a;
      return dataclass_decorator(false).as<BuiltinObj>().fn(in, b);
    }
    bool frozen = false;
    for (const auto& [k, v] : a.kw) {
      if (k == "frozen")
        frozen = truthy(v);
      else if (k != "eq" && k != "repr" && k != "init" && k != "order" && k != "unsafe_hash")
        in.fail(a.loc, "dataclass() got an unexpected keyword argument '" + k + "'");
    }
    if (!a.pos.empty()) in.fail(a.loc, "dataclass() takes keyword arguments only when called");
    return dataclass_decorator(frozen);
  });
  return m;
}

std::shared_ptr<ModuleObj> make_enum_module() {
  auto m = std::make_shared<ModuleObj>();
  m->name = "enum";
  m->attrs["Enum"] = Value::heap(VKind::Class, enum_class());
  m->attrs["IntEnum"] = Value::heap(VKind::Class, enum_class());
  return m;
}

Value define_class(Interp& in, const ast::Stmt& s, Env& env) {
  auto cls = std::make_shared<ClassObj>();
  cls->name = s.name;
  cls->loc = s.loc;
  for (const auto& b : s.bases) {
    Value base = in.eval(*b, env);
    if (base.kind != VKind::Class)
      in.fail(b->loc, "class " + s.name + ": its base is not a class (" + type_name(base) +
                          "); kernel classes derive from object, other classes, nl.NKIObject or Enum");
    if (base.obj == object_class()) continue;  // `class C(object)` is `class C`
    cls->bases.push_back(std::static_pointer_cast<ClassObj>(base.obj));
  }
  if (!s.keywords.empty())
    in.fail(s.loc, "class keyword arguments (metaclass=...) are not supported in NKI kernels");
  // A class without bases (or with `object`) is a plain class: an Object class like the
  // NKIObject ones, but with Python's own __init__ unless it is a @dataclass.
  bool object = cls->bases.empty(), enumeration = false;
  for (const auto& b : cls->bases) {
    bool e = b.get() == enum_class().get() || is_enum(*b);
    if (e && !b->enum_order.empty())
      in.fail(s.loc, "enum " + b->name + " has members and cannot be subclassed");
    (e ? enumeration : object) = true;
  }
  if (object && enumeration) in.fail(s.loc, "class " + s.name + " cannot be both an NKIObject and an Enum");
  cls->kind = enumeration ? ClassObj::Kind::Enum : ClassObj::Kind::Object;
  for (const auto& b : cls->bases) {
    for (const auto& f : b->fields) {
      if (std::find(cls->fields.begin(), cls->fields.end(), f) == cls->fields.end()) cls->fields.push_back(f);
      auto d = b->field_defaults.find(f);
      if (d != b->field_defaults.end()) cls->field_defaults[f] = d->second;
    }
    cls->frozen = cls->frozen || b->frozen;
  }

  // Run the body in its own scope; methods close over the enclosing scope, as in Python.
  auto scope = std::make_shared<Scope>();
  scope->parent = env.scope;
  Env body_env;
  body_env.scope = scope;
  body_env.module = env.module;
  ClassBody record;
  body_env.class_body = &record;
  Interp::Flow f = in.exec_body(s.body, body_env);
  if (f != Interp::Flow::Normal) in.fail(s.loc, "'return', 'break' or 'continue' in a class body");
  for (auto& [name, v] : scope->vars) {
    const Value* fn = v.kind == VKind::StaticMethod  ? &v.as<StaticMethodObj>().fn
                      : v.kind == VKind::ClassMethod ? &v.as<ClassMethodObj>().fn
                                                     : &v;
    if (fn->kind == VKind::Function) fn->as<FunctionObj>().closure = env.scope;
    cls->attrs[name] = v;
  }
  if (enumeration) {
    for (const auto& name : record.order) {
      Value v = cls->attrs.at(name);
      if (name.rfind("__", 0) == 0 || v.kind == VKind::Function || v.kind == VKind::Property ||
          v.kind == VKind::StaticMethod || v.kind == VKind::ClassMethod)
        continue;
      Value member = new_instance(cls);
      member.as<InstanceObj>().set("name", Value::str(name));
      member.as<InstanceObj>().set("value", v);
      member.as<InstanceObj>().initialized = true;
      cls->attrs[name] = member;
      cls->enum_order.push_back(name);
    }
  } else {
    for (const auto& name : record.annotated) {
      if (std::find(cls->fields.begin(), cls->fields.end(), name) == cls->fields.end())
        cls->fields.push_back(name);
      auto it = cls->attrs.find(name);
      if (it != cls->attrs.end()) cls->field_defaults[name] = it->second;
    }
  }
  Value result = Value::heap(VKind::Class, cls);
  return result;
}

Value call_class(Interp& in, const Value& cv, CallArgs& args) {
  auto cls = std::static_pointer_cast<ClassObj>(cv.obj);
  if (cls->kind == ClassObj::Kind::Base)
    in.fail(args.loc, "cannot instantiate " + cls->name + " itself; derive a class from it");
  if (is_enum(*cls)) {
    if (args.pos.size() != 1 || !args.kw.empty())
      in.fail(args.loc, cls->name + "() takes the value of one member");
    for (const auto& n : cls->enum_order) {
      const Value& m = cls->attrs.at(n);
      if (values_equal(*m.as<InstanceObj>().find("value"), args.pos[0])) return m;
    }
    in.fail(args.loc, to_repr(args.pos[0]) + " is not a valid " + cls->name);
  }
  Value self = new_instance(cls);
  auto& obj = self.as<InstanceObj>();
  if (const Value* init = cls->find("__init__"); init && init->kind == VKind::Function) {
    CallArgs c = args;
    c.pos.insert(c.pos.begin(), self);
    in.call(*init, c);
  } else if (!cls->has_fields_init()) {
    // A plain class without __init__: object.__init__ takes no arguments.
    if (!args.pos.empty() || !args.kw.empty())
      in.fail(args.loc, cls->name + "() takes no arguments", ErrorClass::type);
  } else {
    // The synthesized __init__(self, field=default, ...).
    const auto& fields = cls->fields;
    if (args.pos.size() > fields.size())
      in.fail(args.loc,
              fmt::format("{}() takes {} positional argument{} but {} were given", cls->name, fields.size(),
                          fields.size() == 1 ? "" : "s", args.pos.size()),
              ErrorClass::type);
    std::vector<const Value*> given(fields.size(), nullptr);
    for (size_t i = 0; i < args.pos.size(); ++i) given[i] = &args.pos[i];
    for (const auto& [k, v] : args.kw) {
      auto it = std::find(fields.begin(), fields.end(), k);
      if (it == fields.end())
        in.fail(args.loc, cls->name + "() got an unexpected keyword argument '" + k + "'", ErrorClass::type);
      size_t i = it - fields.begin();
      if (given[i])
        in.fail(args.loc, cls->name + "() got multiple values for argument '" + k + "'", ErrorClass::type);
      given[i] = &v;
    }
    // Fields are set in definition order, so repr and equality follow the class.
    for (size_t i = 0; i < fields.size(); ++i) {
      if (given[i]) {
        obj.set(fields[i], *given[i]);
        continue;
      }
      auto d = cls->field_defaults.find(fields[i]);
      if (d == cls->field_defaults.end())
        in.fail(args.loc, cls->name + "() missing required argument '" + fields[i] + "'", ErrorClass::type);
      obj.set(fields[i], d->second);
    }
  }
  if (const Value* post = cls->find("__post_init__"); post && post->kind == VKind::Function) {
    CallArgs c;
    c.loc = args.loc;
    c.pos.push_back(self);
    in.call(*post, c);
  }
  obj.initialized = true;
  return self;
}

Value call_instance(Interp& in, const Value& inst, CallArgs& args) {
  const auto& obj = inst.as<InstanceObj>();
  const Value* call = obj.cls->find("__call__");
  if (!call || call->kind != VKind::Function)
    in.fail(args.loc, "'" + obj.cls->name + "' object is not callable");
  CallArgs c = args;
  c.pos.insert(c.pos.begin(), inst);
  return in.call(*call, c);
}

Value class_attribute(Interp& in, const Value& cv, const std::string& name, SourceLoc loc) {
  const auto& cls = cv.as<ClassObj>();
  if (name == "__name__") return Value::str(cls.name);
  if (const Value* v = cls.find(name)) {
    if (v->kind == VKind::StaticMethod) return v->as<StaticMethodObj>().fn;
    if (v->kind == VKind::ClassMethod) return bind(v->as<ClassMethodObj>().fn, cv);
    return *v;
  }
  in.fail(loc, "class '" + cls.name + "' has no attribute '" + name + "'");
}

Value instance_attribute(Interp& in, const Value& inst, const std::string& name, SourceLoc loc) {
  auto& obj = inst.as<InstanceObj>();
  if (Value* v = obj.find(name)) return *v;
  if (const Value* v = obj.cls->find(name)) {
    if (v->kind == VKind::Function) return bind(*v, inst);
    if (v->kind == VKind::StaticMethod) return v->as<StaticMethodObj>().fn;
    if (v->kind == VKind::ClassMethod)
      return bind(v->as<ClassMethodObj>().fn, Value::heap(VKind::Class, obj.cls));
    if (v->kind == VKind::Property) {
      CallArgs c;
      c.loc = loc;
      c.pos.push_back(inst);
      return in.call(v->as<PropertyObj>().getter, c);
    }
    return *v;
  }
  in.fail(loc, "'" + obj.cls->name + "' object has no attribute '" + name + "'");
}

void set_instance_attribute(Interp& in, const Value& inst, const std::string& name, const Value& v,
                            SourceLoc loc) {
  auto& obj = inst.as<InstanceObj>();
  if (is_enum(*obj.cls))
    in.fail(loc, "cannot assign to attribute '" + name + "' of enum member " + to_str(inst));
  if (obj.cls->frozen && obj.initialized)
    in.fail(loc, "cannot assign to field '" + name + "': " + obj.cls->name + " is a frozen dataclass");
  obj.set(name, v);
}

}  // namespace nki::lang

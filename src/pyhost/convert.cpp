// Python values as compile-time values: the host session of one specialization. Each Python
// object converts once (the cache keeps identity and aliasing), on first use: a module's, a
// class's or a function's globals attribute by attribute, closure cells when read. Functions are
// compiled from their own source with their own module's globals. What kernel code cannot use
// is a located error at the use, naming the global and its Python type.
#include <pybind11/pybind11.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <unordered_map>

#include "lang/classes.h"
#include "lang/interp.h"
#include "pyhost/pyhost.h"
#include "pyhost/source.h"
#include "support/diagnostics.h"
#include "support/dtype.h"

namespace nki::pyhost {

using namespace lang;

namespace {

// A value NKI cannot represent: `reason` says why (the caller names where it came from).
struct Unusable {
  std::string reason;
};

struct PyObjectArg : HostObject {
  explicit PyObjectArg(py::handle h) : obj(py::reinterpret_borrow<py::object>(h)) {}
  py::object obj;
};

std::string type_of(py::handle o) {
  py::handle t = py::type::handle_of(o);
  std::string module = py::str(t.attr("__module__")).cast<std::string>();
  std::string name = py::str(t.attr("__qualname__")).cast<std::string>();
  return module == "builtins" ? name : module + "." + name;
}

// "a numpy.ndarray", "an object".
std::string a_type(py::handle o) {
  return with_article(type_of(o));
}

py::module_& host_module() {
  // Leaked on purpose: a static py::object would be released after the interpreter is gone.
  static py::module_* m = new py::module_(py::module_::import("nki._host"));
  return *m;
}

bool is_instance(py::handle o, const char* module, const char* name) {
  py::object cls = py::module_::import(module).attr(name);
  return PyObject_IsInstance(o.ptr(), cls.ptr()) == 1;
}

class Session;

// Names read from a Python mapping: a module's __dict__ (a function's __globals__) or a class's
// __dict__. Every read is recorded for the compile cache.
class MappingNames : public HostNames {
 public:
  MappingNames(Session& s, py::object mapping, std::string owner, bool is_class)
      : s_(s), mapping_(std::move(mapping)), owner_(std::move(owner)), is_class_(is_class) {}
  std::optional<Value> fetch(const std::string& name, SourceLoc use) override;

 private:
  Session& s_;
  py::object mapping_;
  std::string owner_;
  bool is_class_;
};

// A Python closure's free variables: co_freevars[i] lives in __closure__[i].
class CellNames : public HostNames {
 public:
  CellNames(Session& s, py::object code, py::object cells)
      : s_(s), code_(std::move(code)), cells_(std::move(cells)) {}
  std::optional<Value> fetch(const std::string& name, SourceLoc use) override;

 private:
  Session& s_;
  py::object code_, cells_;
};

class Session : public HostSession {
 public:
  Session(Interp& in, py::object kernel, Reads& reads) : in_(in), kernel_(std::move(kernel)), reads_(reads) {}

  Value kernel() override {
    py::object fn = kernel_;
    if (is_nki_kernel(fn)) fn = fn.attr("fn");
    try {
      return to_value(fn);
    } catch (const Unusable& u) {
      throw UserError("the kernel: " + u.reason);
    }
  }

  Value convert(const HostObject& obj, const std::string& what, SourceLoc loc) override {
    try {
      return read(static_cast<const PyObjectArg&>(obj).obj, what, loc, "cannot be passed to a kernel");
    } catch (UserError& e) {  // an argument of a kind a kernel cannot take
      if (e.error_class() == ErrorClass::general) e.set_error_class(ErrorClass::type);
      throw;
    }
  }

  Value import_module(const std::string& dotted, const ModuleObj* importer, int level,
                      SourceLoc loc) override {
    std::string package;
    if (importer && importer->host) {
      auto it = packages_.find(importer);
      if (it != packages_.end()) package = it->second;
    }
    const std::string name = std::string(static_cast<size_t>(level), '.') + dotted;
    py::object m;
    try {
      m = host_module().attr("import_module")(dotted, package, level);
    } catch (py::error_already_set& e) {
      if (e.matches(PyExc_ImportError))
        throw UserError(loc, "cannot import '" + name + "': " + py::str(e.value()).cast<std::string>());
      // At the line that raised, with the kernel's import statement (and the calls that reached
      // it) as the chain that led there.
      UserError u = python_error(e, "importing '" + name + "'");
      std::vector<SourceLoc> chain = in_.call_sites();
      chain.push_back(loc);
      chain.insert(chain.end(), u.call_chain().begin(), u.call_chain().end());
      u.set_call_chain(std::move(chain));
      throw u;
    }
    return read(m, "module '" + name + "'", loc);
  }

  // A value named `what` read from Python: located error at `use` when it cannot be used.
  Value read(py::handle o, const std::string& what, SourceLoc use,
             const char* verdict = "kernel code cannot use") {
    UseSite site(*this, use);
    try {
      return to_value(o);
    } catch (const Unusable& u) {
      throw UserError(use, what + " is " + a_type(o) + ", which " + verdict + ": " + u.reason);
    }
  }

  // A member of a converted object: what kernel code cannot use becomes a placeholder that fails
  // when it is used, so a config's unused fields do not matter.
  Value member(py::handle o, const std::string& what) {
    try {
      return to_value(o);
    } catch (const Unusable& u) {
      auto obj = std::make_shared<ObjectObj>();
      obj->type_name = type_of(o);
      obj->repr = "<" + obj->type_name + ">";
      obj->unusable = what + " is " + a_type(o) + ", which kernel code cannot use: " + u.reason;
      return Value::heap(VKind::Object, obj);
    }
  }

  // Where the value being converted is used, while it is: the location of a budget error.
  class UseSite {
   public:
    UseSite(Session& s, SourceLoc at) : s_(s), saved_(s.use_) { s.use_ = at; }
    ~UseSite() { s_.use_ = saved_; }

   private:
    Session& s_;
    SourceLoc saved_;
  };

  void record(py::handle ns, const std::string& name) {
    reads_.names.emplace_back(py::reinterpret_borrow<py::object>(ns), name);
  }

 private:
  static bool is_nki_kernel(py::handle o) {
    py::handle t = py::type::handle_of(o);
    return py::str(t.attr("__module__")).cast<std::string>() == "nki" &&
           py::str(t.attr("__name__")).cast<std::string>() == "Kernel";
  }

  // An int as a message shows it: its digits, or for a huge one (which str() refuses beyond
  // sys.get_int_max_str_digits()) its size.
  static std::string int_text(py::handle o) {
    const int64_t bits = o.attr("bit_length")().cast<int64_t>();
    if (bits <= 128) return py::str(o).cast<std::string>();
    return "an integer of about " +
           std::to_string(static_cast<int64_t>(static_cast<double>(bits) * 0.30103) + 1) + " digits";
  }

  Value to_value(py::handle o) {
    PyObject* p = o.ptr();
    if (p == Py_None) return Value::none();
    if (PyBool_Check(p)) return Value::boolean(p == Py_True);
    if (PyLong_CheckExact(p)) {
      int overflow = 0;
      long long x = PyLong_AsLongLongAndOverflow(p, &overflow);
      if (overflow != 0 || x < INT32_MIN || x > INT32_MAX)
        throw Unusable{int_text(o) + " does not fit in a 32-bit int, NKI's integer"};
      return Value::integer(static_cast<int32_t>(x));
    }
    if (PyFloat_CheckExact(p)) {
      const double x = PyFloat_AsDouble(p);
      if (std::isfinite(x) && std::fabs(x) > static_cast<double>(FLT_MAX))
        throw Unusable{py::repr(o).cast<std::string>() + " does not fit in a 32-bit float, NKI's float"};
      return Value::floating(static_cast<float>(x));
    }
    if (PyUnicode_CheckExact(p)) {
      spend(PyUnicode_GET_LENGTH(p));
      return Value::str(o.cast<std::string>());
    }
    auto hit = cache_.find(p);
    if (hit != cache_.end()) return hit->second;
    keep_.push_back(py::reinterpret_borrow<py::object>(o));
    try {
      return convert_new(o);
    } catch (const Unusable&) {
      cache_.erase(p);  // no half-converted object stays behind
      throw;
    } catch (const py::cast_error&) {  // a Python object where CPython promises another type
      cache_.erase(p);
      throw Unusable{"it holds an object of a type nki does not expect there"};
    } catch (py::error_already_set& e) {
      cache_.erase(p);
      throw Unusable{"reading it raised " +
                     py::str(py::type::handle_of(e.value()).attr("__name__")).cast<std::string>() + ": " +
                     py::str(e.value()).cast<std::string>()};
    }
  }

  // Converting a string or a container counts its length against the compile-time budget
  // (--max-compile-steps), as building it in kernel code would: a module-level value of a billion
  // elements fails at its use instead of taking minutes and gigabytes.
  void spend(int64_t n) { in_.spend(n, use_); }

  Value cached(py::handle o, Value v) { return cache_[o.ptr()] = std::move(v); }

  Value convert_new(py::handle o) {
    PyObject* p = o.ptr();
    if (PyTuple_Check(p) || PyList_Check(p)) {
      spend(PySequence_Fast_GET_SIZE(p));
      Value v = PyTuple_Check(p) ? Value::tuple({}) : Value::list({});
      cached(o, v);
      auto& items = v.as<SeqObj>().items;
      size_t i = 0;
      for (py::handle item : o) items.push_back(member(item, "element " + std::to_string(i++)));
      return v;
    }
    if (PyDict_Check(p)) return dict(o, o);
    py::object path = host_module().attr("builtin_path")(o);
    if (!path.is_none()) {
      try {
        return cached(o, builtin(path.cast<std::string>()));
      } catch (const UserError&) {
        throw Unusable{path.cast<std::string>() + " is not implemented by nki"};
      }
    }
    if (PyModule_Check(p)) return module(o);
    if (const Value* v = counterpart(o)) return cached(o, *v);
    if (is_nki_kernel(o)) return cached(o, to_value(o.attr("fn")));
    // A decorator's wrapper (functools.wraps, lru_cache, ...): nki compiles the decorated
    // function, as NKI's own front end ignores the decorators of the functions it compiles.
    if (!PyType_Check(p) && py::hasattr(o, "__wrapped__")) return cached(o, to_value(o.attr("__wrapped__")));
    if (PyFunction_Check(p)) return function(o);
    if (PyMethod_Check(p))
      return cached(o, bind_method(to_value(o.attr("__func__")), to_value(o.attr("__self__"))));
    if (PyType_Check(p)) return type(o);
    if (is_instance(o, "functools", "partial")) return partial(o);
    if (is_instance(o, "enum", "Enum")) {
      Value cls = to_value(py::type::handle_of(o));
      const Value* m = cls.as<ClassObj>().find(o.attr("name").cast<std::string>());
      NKI_CHECK(m != nullptr, "an enum member missing from its converted class");
      return cached(o, *m);
    }
    if (PyLong_Check(p)) return cached(o, to_value(py::int_(py::reinterpret_borrow<py::object>(o))));
    if (PyFloat_Check(p)) return cached(o, to_value(py::float_(py::reinterpret_borrow<py::object>(o))));
    if (PyUnicode_Check(p)) return cached(o, to_value(py::str(o)));
    if (PyCFunction_Check(p)) {
      py::object module = o.attr("__module__");
      std::string name = o.attr("__name__").cast<std::string>();
      if (!module.is_none() && module.cast<std::string>() == "builtins")
        if (const Value* b = in_.python_builtin(name)) return cached(o, *b);
      throw Unusable{"built-in function '" + name + "' is not available in kernel code"};
    }
    if (PyGen_Check(p))
      throw Unusable{
          "iterating a generator consumes it, so a second compilation would see it empty; make it a "
          "tuple at module level (tuple(...))"};
    std::string t = type_of(o);
    if (t.rfind("numpy.", 0) == 0) return numpy_value(o, t);
    if (is_instance(o, "collections.abc", "Mapping")) return dict(o, o.attr("items")());
    if (py::hasattr(o, "__dict__") && PyDict_Check(o.attr("__dict__").ptr()) &&
        is_user_class(py::type::handle_of(o)))
      return instance(o);
    throw Unusable{
        "NKI represents None, bool, int, float, str, tuples, lists, dicts, functions, classes, "
        "enums, modules and instances of Python classes"};
  }

  // An object of a module nki implements itself (enum.Enum, dataclasses.dataclass, math.ceil,
  // typing.Optional, numpy.float32): nki's object of the same name.
  const Value* counterpart(py::handle o) {
    py::object module = py::getattr(o, "__module__", py::none());
    if (!py::isinstance<py::str>(module)) return nullptr;
    auto m = in_.builtin_module(module.cast<std::string>());
    if (!m) return nullptr;
    py::object name = py::getattr(o, "__qualname__", py::getattr(o, "__name__", py::none()));
    if (!py::isinstance<py::str>(name)) return nullptr;
    auto it = m->attrs.find(name.cast<std::string>());
    return it == m->attrs.end() ? nullptr : &it->second;
  }

  static bool is_user_class(py::handle cls) {
    std::string module = py::str(cls.attr("__module__")).cast<std::string>();
    return module != "builtins" && module.rfind("numpy", 0) != 0 && module.rfind("torch", 0) != 0;
  }

  // nl.add, nisa.engine.vector, nl.NKIObject, ...: the compiler's own object of that name.
  Value builtin(const std::string& path) {
    static const std::pair<const char*, const char*> roots[] = {
        {"nl", "nki.language"}, {"nisa", "nki.isa"}, {"ncc", "nki.collectives"}, {"nki", "nki"}};
    std::string head = path.substr(0, path.find('.'));
    std::string module = head;
    for (const auto& [alias, name] : roots)
      if (head == alias) module = name;
    auto m = in_.builtin_module(module);
    NKI_CHECK(m != nullptr, "nki stand-in '" + path + "' names no built-in module");
    Value v = Value::heap(VKind::Module, m);
    size_t pos = head.size();
    while (pos < path.size()) {
      size_t next = path.find('.', pos + 1);
      if (next == std::string::npos) next = path.size();
      v = in_.get_attr(v, path.substr(pos + 1, next - pos - 1), SourceLoc{});
      pos = next;
    }
    return v;
  }

  Value dict(py::handle o, py::handle items) {
    if (PyDict_Check(o.ptr())) spend(PyDict_GET_SIZE(o.ptr()));
    auto d = std::make_shared<DictObj>();
    Value v = cached(o, Value::heap(VKind::Dict, d));
    for (py::handle kv : PyDict_Check(items.ptr()) ? py::reinterpret_borrow<py::object>(items).attr("items")()
                                                   : py::reinterpret_borrow<py::object>(items)) {
      auto pair = kv.cast<py::tuple>();
      Value key = to_value(pair[0]);
      if (!is_hashable(key)) throw Unusable{"its key " + to_repr(key) + " is not hashable in kernel code"};
      d->set(key, member(pair[1], "the entry " + to_repr(key)));
    }
    return v;
  }

  Value module(py::handle o) {
    std::string name = py::str(o.attr("__name__")).cast<std::string>();
    if (auto m = in_.builtin_module(name)) return cached(o, Value::heap(VKind::Module, m));
    return cached(o, Value::heap(VKind::Module, namespace_of(o.attr("__dict__"))));
  }

  // The ModuleObj over a module's __dict__ (shared by the functions whose __globals__ it is).
  std::shared_ptr<ModuleObj> namespace_of(py::handle globals) {
    auto it = namespaces_.find(globals.ptr());
    if (it != namespaces_.end()) return it->second;
    auto m = std::make_shared<ModuleObj>();
    py::dict g = py::reinterpret_borrow<py::dict>(globals);
    m->name = g.contains("__name__") ? py::str(g["__name__"]).cast<std::string>() : "<module>";
    m->host = std::make_shared<MappingNames>(*this, py::reinterpret_borrow<py::object>(globals), "", false);
    if (g.contains("__package__") && !g["__package__"].is_none())
      packages_[m.get()] = py::str(g["__package__"]).cast<std::string>();
    keep_.push_back(py::reinterpret_borrow<py::object>(globals));
    namespaces_[globals.ptr()] = m;
    return m;
  }

  Value function(py::handle o) {
    py::object code = o.attr("__code__");
    std::string name = o.attr("__name__").cast<std::string>();
    std::optional<FunctionSource> src = function_source(code, reads_);
    if (!src)
      throw Unusable{"function '" + name +
                     "' has no source file nki can read (nki compiles functions from .py files)"};
    auto fn = std::make_shared<FunctionObj>();
    Value v = cached(o, Value::heap(VKind::Function, fn));
    fn->name = name;
    if (src->def) {
      fn->params = &src->def->params;
      fn->body = &src->def->body;
      fn->loc = src->def->loc;
    } else {
      fn->params = &src->lambda->params;
      fn->lambda_body = src->lambda->a.get();
      fn->loc = src->lambda->loc;
    }
    fn->module = namespace_of(o.attr("__globals__")).get();
    // Defaults are the values CPython computed when the def ran: __defaults__ for the last
    // positional parameters, __kwdefaults__ for keyword-only ones.
    py::object defaults = o.attr("__defaults__"), kwdefaults = o.attr("__kwdefaults__");
    std::vector<size_t> positional;  // positional parameters with a default, in order
    bool kw_only = false;
    for (size_t i = 0; i < fn->params->size(); ++i) {
      const ast::Param& p = (*fn->params)[i];
      if (p.kind == ast::Param::Kind::VarArgs || p.kind == ast::Param::Kind::KwOnlyMarker)
        kw_only = true;
      else if (p.kind == ast::Param::Kind::Normal && p.default_value && !kw_only)
        positional.push_back(i);
    }
    const size_t n_given = defaults.is_none() ? 0 : py::len(defaults);
    fn->defaults.assign(fn->params->size(), Value::none());
    fn->has_default.assign(fn->params->size(), false);
    for (size_t j = 0; j < positional.size(); ++j) {
      if (j + n_given < positional.size()) continue;
      const size_t i = positional[j];
      UseSite site(*this, (*fn->params)[i].default_value->loc);
      fn->defaults[i] = member(defaults[py::int_(j + n_given - positional.size())],
                               "the default of '" + (*fn->params)[i].name + "'");
      fn->has_default[i] = true;
    }
    if (!kwdefaults.is_none())
      for (size_t i = 0; i < fn->params->size(); ++i) {
        const ast::Param& p = (*fn->params)[i];
        if (p.kind != ast::Param::Kind::Normal || !kwdefaults.contains(py::str(p.name))) continue;
        UseSite site(*this, p.default_value ? p.default_value->loc : fn->loc);
        fn->defaults[i] = member(kwdefaults[py::str(p.name)], "the default of '" + p.name + "'");
        fn->has_default[i] = true;
      }
    py::object closure = o.attr("__closure__");
    if (!closure.is_none()) {
      fn->closure = std::make_shared<Scope>();
      fn->closure->host = std::make_shared<CellNames>(*this, code, closure);
    }
    return v;
  }

  Value partial(py::handle o) {
    Value func = to_value(o.attr("func"));
    std::vector<Value> args;
    for (py::handle a : o.attr("args")) args.push_back(member(a, "an argument of the partial"));
    std::vector<std::pair<std::string, Value>> kw;
    for (auto item : o.attr("keywords").cast<py::dict>())
      kw.emplace_back(py::str(item.first).cast<std::string>(),
                      member(item.second, "an argument of the partial"));
    return cached(o, make_builtin("functools.partial", [func, args, kw](Interp& in, CallArgs& a) {
                    CallArgs c;
                    c.loc = a.loc;
                    c.pos = args;
                    c.pos.insert(c.pos.end(), a.pos.begin(), a.pos.end());
                    c.kw = kw;
                    for (auto& [k, v] : a.kw) {
                      auto it =
                          std::find_if(c.kw.begin(), c.kw.end(), [&](const auto& e) { return e.first == k; });
                      if (it != c.kw.end())
                        it->second = v;
                      else
                        c.kw.emplace_back(k, v);
                    }
                    return in.call(func, c);
                  }));
  }

  // numpy scalars and dtypes; arrays are not compile-time values.
  Value numpy_value(py::handle o, const std::string& t) {
    if (t == "numpy.ndarray")
      throw Unusable{
          "NumPy arrays are tensors only as kernel arguments; pass it to the kernel (an HBM tensor) or "
          "load it from an .npy file with nl.shared_constant"};
    py::module_ np = py::module_::import("numpy");
    if (PyObject_IsInstance(o.ptr(), np.attr("generic").ptr()) == 1)
      return cached(o, to_value(o.attr("item")()));
    if (PyObject_IsInstance(o.ptr(), np.attr("dtype").ptr()) == 1)
      return cached(o, numpy_dtype(o.attr("name")));
    throw Unusable{"it is a NumPy object that is not a scalar or a dtype"};
  }

  Value numpy_dtype(py::handle name_obj) {
    std::string name = py::str(name_obj).cast<std::string>();
    if (name == "bool") name = "bool_";
    auto dt = parse_dtype(name);
    if (!dt) throw Unusable{"NumPy dtype " + name + " has no NKI dtype"};
    return Value::of_dtype(*dt);
  }

  // A class: an Enum, a dataclass, an NKIObject subclass or a plain class. Attributes are read
  // from its __dict__ on first use (MappingNames), bases converted too.
  Value type(py::handle o) {
    std::string module = py::str(o.attr("__module__")).cast<std::string>();
    std::string name = o.attr("__name__").cast<std::string>();
    if (module == "builtins")
      if (const Value* b = in_.python_builtin(name)) return cached(o, *b);
    if (module == "numpy" && py::hasattr(o, "dtype") && name != "ndarray")
      return cached(o, numpy_dtype(py::module_::import("numpy").attr("dtype")(o).attr("name")));
    if (!is_user_class(o))
      throw Unusable{"class " + name + " of " + module + " is not available in kernel code"};
    auto cls = std::make_shared<ClassObj>();
    Value v = cached(o, Value::heap(VKind::Class, cls));
    cls->name = name;
    cls->kind = ClassObj::Kind::Object;
    for (py::handle base : o.attr("__bases__")) {
      if (base.ptr() == reinterpret_cast<PyObject*>(&PyBaseObject_Type)) continue;
      std::string base_module = py::str(base.attr("__module__")).cast<std::string>();
      if (base_module == "enum") {
        cls->kind = ClassObj::Kind::Enum;
        cls->value_mixin = cls->value_mixin ||
                           PyObject_IsSubclass(base.ptr(), (PyObject*)&PyLong_Type) == 1 ||
                           PyObject_IsSubclass(base.ptr(), (PyObject*)&PyUnicode_Type) == 1;
        cls->bases.push_back(enum_base_class());
        continue;
      }
      if (base_module == "builtins") {  // IntEnum's int, `class E(str, Enum)`'s str
        cls->value_mixin = true;
        continue;
      }
      Value b = to_value(base);
      if (b.kind != VKind::Class) throw Unusable{"its base " + type_of(base) + " is not a class nki knows"};
      if (b.as<ClassObj>().kind == ClassObj::Kind::Enum) cls->kind = ClassObj::Kind::Enum;
      cls->value_mixin = cls->value_mixin || b.as<ClassObj>().value_mixin;
      cls->bases.push_back(std::static_pointer_cast<ClassObj>(b.obj));
    }
    py::object dict = o.attr("__dict__");
    if (cls->kind == ClassObj::Kind::Enum) {
      for (py::handle n : o.attr("_member_names_")) {
        std::string member_name = n.cast<std::string>();
        auto inst = std::make_shared<InstanceObj>();
        inst->cls = cls;
        inst->set("name", Value::str(member_name));
        inst->set("value", member(o.attr(n).attr("value"), name + "." + member_name + ".value"));
        inst->initialized = true;
        cls->attrs[member_name] = Value::heap(VKind::Instance, inst);
        cls->enum_order.push_back(member_name);
      }
    }
    if (py::hasattr(o, "__dataclass_fields__")) {  // dataclasses.fields: inherited ones first
      cls->is_dataclass = true;
      cls->frozen =
          py::bool_(o.attr("__dataclass_params__").attr("frozen"));  // truthy, as dataclass reads it
      py::object missing = py::module_::import("dataclasses").attr("MISSING");
      for (py::handle f : py::module_::import("dataclasses").attr("fields")(o)) {
        std::string field = py::str(f.attr("name")).cast<std::string>();
        cls->fields.push_back(field);
        py::object dflt = f.attr("default"), factory = f.attr("default_factory");
        if (!dflt.is(missing))
          cls->field_defaults[field] = member(dflt, name + "." + field);
        else if (!factory.is(missing))
          cls->field_defaults[field] = member(factory(), name + "." + field);
      }
    } else if (cls->kind != ClassObj::Kind::Enum) {
      // As nki's classes: the annotated names (base classes first) are the fields of the
      // synthesized __init__, with the class attributes of those names as defaults.
      py::list mro = o.attr("__mro__");
      for (size_t i = mro.size(); i-- > 0;) {
        py::object annotations = mro[i].attr("__dict__").attr("get")("__annotations__");
        if (!py::isinstance<py::dict>(annotations)) continue;
        for (auto item : annotations.cast<py::dict>()) {
          std::string field = py::str(item.first).cast<std::string>();
          if (std::find(cls->fields.begin(), cls->fields.end(), field) != cls->fields.end()) continue;
          cls->fields.push_back(field);
          if (py::hasattr(o, field.c_str()))
            cls->field_defaults[field] = member(o.attr(field.c_str()), name + "." + field);
        }
      }
    }
    cls->host = std::make_shared<MappingNames>(*this, dict, name, true);
    return v;
  }

  Value instance(py::handle o) {
    Value cls = to_value(py::type::handle_of(o));
    if (cls.kind != VKind::Class) throw Unusable{"its class is not one nki can represent"};
    auto inst = std::make_shared<InstanceObj>();
    inst->cls = std::static_pointer_cast<ClassObj>(cls.obj);
    Value v = cached(o, Value::heap(VKind::Instance, inst));
    for (auto item : o.attr("__dict__").cast<py::dict>()) {
      std::string field = py::str(item.first).cast<std::string>();
      inst->set(field, member(item.second, "field '" + field + "'"));
    }
    inst->initialized = true;
    return v;
  }

 public:
  // A class attribute as kernel code sees it.
  Value class_member(py::handle o, const std::string& what) {
    if (is_instance(o, "builtins", "staticmethod"))
      return wrapped_method<StaticMethodObj>(VKind::StaticMethod, o, what);
    if (is_instance(o, "builtins", "classmethod"))
      return wrapped_method<ClassMethodObj>(VKind::ClassMethod, o, what);
    if (is_instance(o, "builtins", "property")) {
      auto prop = std::make_shared<PropertyObj>();
      prop->getter = member(o.attr("fget"), what);
      return Value::heap(VKind::Property, prop);
    }
    return member(o, what);
  }

  template <typename T>
  Value wrapped_method(VKind kind, py::handle o, const std::string& what) {
    auto m = std::make_shared<T>();
    m->fn = member(o.attr("__func__"), what);
    return Value::heap(kind, m);
  }

  // A generated method (a dataclass's __init__, __repr__, __eq__) nki synthesizes itself.
  static bool generated(py::handle o) {
    if (!PyFunction_Check(o.ptr())) return false;
    std::string file = o.attr("__code__").attr("co_filename").cast<std::string>();
    return !file.empty() && file.front() == '<';
  }

 private:
  Interp& in_;
  SourceLoc use_;
  py::object kernel_;
  Reads& reads_;
  std::unordered_map<PyObject*, Value> cache_;
  std::unordered_map<PyObject*, std::shared_ptr<ModuleObj>> namespaces_;
  std::unordered_map<const ModuleObj*, std::string> packages_;
  std::vector<py::object> keep_;  // every converted object stays alive (the cache keys on addresses)
};

std::optional<Value> MappingNames::fetch(const std::string& name, SourceLoc use) {
  Session::UseSite site(s_, use);
  s_.record(mapping_, name);
  PyObject* found =
      PyMapping_Check(mapping_.ptr()) ? PyObject_GetItem(mapping_.ptr(), py::str(name).ptr()) : nullptr;
  if (found == nullptr) {
    PyErr_Clear();
    return std::nullopt;
  }
  py::object value = py::reinterpret_steal<py::object>(found);
  if (is_class_) {
    if (name.size() > 4 && name.rfind("__", 0) == 0 && Session::generated(value)) return std::nullopt;
    return s_.class_member(value, owner_ + "." + name);
  }
  return s_.read(value, "global '" + name + "'", use);
}

std::optional<Value> CellNames::fetch(const std::string& name, SourceLoc use) {
  py::tuple names = code_.attr("co_freevars");
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].cast<std::string>() != name) continue;
    py::object cell = py::reinterpret_borrow<py::tuple>(cells_)[i];
    s_.record(cell, "");
    PyObject* contents = PyCell_Get(cell.ptr());
    if (contents == nullptr) {
      PyErr_Clear();
      return std::nullopt;
    }
    return s_.read(py::reinterpret_steal<py::object>(contents), "'" + name + "' (from an enclosing function)",
                   use);
  }
  return std::nullopt;
}

}  // namespace

PyHost::PyHost(py::object kernel) : kernel_(std::move(kernel)), reads_(std::make_shared<Reads>()) {}

PyHost::~PyHost() = default;

std::unique_ptr<HostSession> PyHost::open(Interp& in) const {
  return std::make_unique<Session>(in, kernel_, *reads_);
}

std::shared_ptr<const HostObject> host_object(py::handle obj) {
  return std::make_shared<PyObjectArg>(obj);
}

}  // namespace nki::pyhost

// Python's built-in functions as the specializer models them (nki-api.md §3.2).
#include <algorithm>
#include <cmath>

#include "lang/classes.h"
#include "lang/interp.h"
#include "support/diagnostics.h"

namespace nki::lang {

namespace {

// The items of an iterable, as a builtin (list, max, enumerate, ...) walks them: a compile-time
// step each (Interp::spend), counted before a range is materialized.
std::vector<Value> items_of(Interp& in, const Value& v, SourceLoc loc, const std::string& fname) {
  switch (v.kind) {
    case VKind::Tuple:
    case VKind::List:
      in.spend(static_cast<int64_t>(v.as<SeqObj>().items.size()), loc);
      return v.as<SeqObj>().items;
    case VKind::Range: {
      std::vector<Value> out;
      const auto& r = v.as<RangeObj>();
      const int64_t span = r.step > 0 ? r.stop - r.start : r.start - r.stop;
      const int64_t step = r.step > 0 ? r.step : -r.step;
      in.spend(span > 0 ? (span + step - 1) / step : 0, loc);
      for (int64_t i = r.start; r.step > 0 ? i < r.stop : i > r.stop; i += r.step)
        out.push_back(Value::integer(static_cast<int32_t>(i)));
      return out;
    }
    case VKind::Dict: {
      std::vector<Value> out;
      in.spend(static_cast<int64_t>(v.as<DictObj>().items.size()), loc);
      for (const auto& kv : v.as<DictObj>().items) out.push_back(kv.first);
      return out;
    }
    case VKind::Str: {
      std::vector<Value> out;
      in.spend(static_cast<int64_t>(v.as<StrObj>().s.size()), loc);
      for (char c : v.as<StrObj>().s) out.push_back(Value::str(std::string(1, c)));
      return out;
    }
    default: in.fail(loc, fname + "(): '" + type_name(v) + "' object is not iterable");
  }
}

// min/max over args or one iterable.
Value extremum(Interp& in, CallArgs& a, bool want_max) {
  const char* fname = want_max ? "max" : "min";
  if (!a.kw.empty()) in.fail(a.loc, std::string(fname) + "() keyword arguments are not supported");
  std::vector<Value> vals = a.pos.size() == 1 ? items_of(in, a.pos[0], a.loc, fname) : a.pos;
  if (vals.empty()) in.fail(a.loc, std::string(fname) + "() arg is an empty sequence");
  Value best = vals[0];
  for (size_t i = 1; i < vals.size(); ++i) {
    const Value& v = vals[i];
    if (!v.is_number() || !best.is_number()) in.fail(a.loc, std::string(fname) + "() needs numbers");
    double x = to_float(in, v, fname, a.loc), y = to_float(in, best, fname, a.loc);
    if (want_max ? x > y : x < y) best = v;
  }
  return best;
}

bool is_instance_of(const Value& v, const std::string& tname) {
  std::string t = type_name(v);
  if (t == tname) return true;
  return tname == "int" && v.kind == VKind::Bool;
}

Value py_print(Interp& in, CallArgs& a) {
  std::string sep = " ", end = "\n";
  for (const auto& [k, v] : a.kw) {
    if (k == "sep" && v.kind == VKind::Str)
      sep = v.as<StrObj>().s;
    else if (k == "end" && v.kind == VKind::Str)
      end = v.as<StrObj>().s;
    else if (k != "flush")
      in.fail(a.loc, "print() got an unexpected keyword argument '" + k + "'");
  }
  std::string line;
  for (size_t i = 0; i < a.pos.size(); ++i) line += (i ? sep : "") + to_str(a.pos[i]);
  line += end;
  if (in.options.print)
    in.options.print(line);
  else {
    // Flushed now so compile-time output comes before any later diagnostic on stderr.
    fputs(line.c_str(), stdout);
    fflush(stdout);
  }
  return Value::none();
}

Value py_range(Interp& in, CallArgs& a) {
  if (!a.kw.empty()) in.fail(a.loc, "range() takes no keyword arguments");
  if (a.pos.empty() || a.pos.size() > 3)
    in.fail(a.loc, "range expected 1 to 3 arguments, got " + std::to_string(a.pos.size()));
  auto r = std::make_shared<RangeObj>();
  std::vector<int64_t> v;
  for (const auto& x : a.pos) v.push_back(to_int(in, x, "range() argument", a.loc));
  if (v.size() == 1) {
    r->stop = v[0];
  } else {
    r->start = v[0];
    r->stop = v[1];
    if (v.size() == 3) r->step = v[2];
  }
  if (r->step == 0) in.fail(a.loc, "range() arg 3 must not be zero");
  return Value::heap(VKind::Range, r);
}

Value py_len(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "len", {"obj"});
  const Value& v = b.req("obj");
  switch (v.kind) {
    case VKind::Str: return Value::integer(static_cast<int32_t>(v.as<StrObj>().s.size()));
    case VKind::Tuple:
    case VKind::List: return Value::integer(static_cast<int32_t>(v.as<SeqObj>().items.size()));
    case VKind::Dict: return Value::integer(static_cast<int32_t>(v.as<DictObj>().items.size()));
    case VKind::Range: return Value::integer(static_cast<int32_t>(items_of(in, v, a.loc, "len").size()));
    case VKind::Tensor: return Value::integer(static_cast<int32_t>(v.as<TensorObj>().ap.dims.at(0).num));
    default: in.fail(a.loc, "object of type '" + type_name(v) + "' has no len()");
  }
}

Value py_min(Interp& in, CallArgs& a) {
  return extremum(in, a, false);
}

Value py_max(Interp& in, CallArgs& a) {
  return extremum(in, a, true);
}

Value py_abs(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "abs", {"x"});
  const Value& v = b.req("x");
  if (v.kind == VKind::Float) return Value::floating(std::fabs(v.f));
  int64_t x = to_int(in, v, "abs() argument", a.loc);
  if (x == INT32_MIN) in.fail(a.loc, "integer overflow in abs()");
  return Value::integer(static_cast<int32_t>(x < 0 ? -x : x));
}

Value py_int(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "int", {"x="});
  if (!b.has("x")) return Value::integer(0);
  const Value& v = *b.get("x");
  if (v.kind == VKind::Float) {
    if (!std::isfinite(v.f) || std::trunc(v.f) < INT32_MIN || std::trunc(v.f) > INT32_MAX)
      in.fail(a.loc, "int(): " + to_str(v) + " does not fit in a 32-bit int");
    return Value::integer(static_cast<int32_t>(std::trunc(v.f)));
  }
  if (v.kind == VKind::Str) {
    const std::string& s = v.as<StrObj>().s;
    char* end = nullptr;
    long long x = strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end != 0 || x < INT32_MIN || x > INT32_MAX)
      in.fail(a.loc, "invalid literal for int(): " + to_repr(v));
    return Value::integer(static_cast<int32_t>(x));
  }
  return Value::integer(static_cast<int32_t>(to_int(in, v, "int() argument", a.loc)));
}

Value py_float(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "float", {"x="});
  if (!b.has("x")) return Value::floating(0);
  const Value& v = *b.get("x");
  if (v.kind == VKind::Str) {
    const std::string& s = v.as<StrObj>().s;
    char* end = nullptr;
    float x = strtof(s.c_str(), &end);
    if (s.empty() || *end != 0) in.fail(a.loc, "could not convert string to float: " + to_repr(v));
    return Value::floating(x);
  }
  return Value::floating(static_cast<float>(to_float(in, v, "float() argument", a.loc)));
}

Value py_bool(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "bool", {"x="});
  return Value::boolean(b.has("x") && truthy(*b.get("x")));
}

Value py_str(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "str", {"x="});
  return Value::str(b.has("x") ? to_str(*b.get("x")) : "");
}

Value py_repr(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "repr", {"x"});
  return Value::str(to_repr(b.req("x")));
}

Value py_tuple(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "tuple", {"iterable="});
  return Value::tuple(b.has("iterable") ? items_of(in, *b.get("iterable"), a.loc, "tuple")
                                        : std::vector<Value>{});
}

Value py_list(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "list", {"iterable="});
  return Value::list(b.has("iterable") ? items_of(in, *b.get("iterable"), a.loc, "list")
                                       : std::vector<Value>{});
}

Value py_dict(Interp& in, CallArgs& a) {
  auto d = std::make_shared<DictObj>();
  if (a.pos.size() > 1) in.fail(a.loc, "dict expected at most 1 argument");
  if (a.pos.size() == 1) {
    if (a.pos[0].kind == VKind::Dict) {
      d->items = a.pos[0].as<DictObj>().items;
    } else {
      dict_set_pairs(in, *d, a.pos[0], a.loc, "dict");
    }
  }
  for (const auto& [k, v] : a.kw) d->set(k, v);
  return Value::heap(VKind::Dict, d);
}

Value py_isinstance(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "isinstance", {"obj", "classinfo"});
  const Value& t = b.req("classinfo");
  std::vector<Value> types = t.kind == VKind::Tuple ? t.as<SeqObj>().items : std::vector<Value>{t};
  const Value& obj = b.req("obj");
  for (const auto& ty : types) {
    if (ty.kind == VKind::Class && ty.obj == object_class()) return Value::boolean(true);
    if (ty.kind == VKind::Class) {
      if (obj.kind == VKind::Instance && obj.as<InstanceObj>().cls->is_subclass_of(&ty.as<ClassObj>()))
        return Value::boolean(true);
      continue;
    }
    if (ty.kind != VKind::Builtin) in.fail(a.loc, "isinstance() arg 2 must be a type or tuple of types");
    if (is_instance_of(obj, ty.as<BuiltinObj>().name)) return Value::boolean(true);
  }
  return Value::boolean(false);
}

Value py_enumerate(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "enumerate", {"iterable", "start="});
  int64_t i = b.has("start") ? to_int(in, *b.get("start"), "enumerate() start", a.loc) : 0;
  std::vector<Value> out;
  for (const auto& v : items_of(in, b.req("iterable"), a.loc, "enumerate"))
    out.push_back(Value::tuple({Value::integer(static_cast<int32_t>(i++)), v}));
  return Value::list(std::move(out));
}

Value py_zip(Interp& in, CallArgs& a) {
  if (!a.kw.empty()) in.fail(a.loc, "zip() takes no keyword arguments here");
  std::vector<std::vector<Value>> seqs;
  size_t n = SIZE_MAX;
  for (const auto& v : a.pos) {
    seqs.push_back(items_of(in, v, a.loc, "zip"));
    n = std::min(n, seqs.back().size());
  }
  std::vector<Value> out;
  for (size_t i = 0; !seqs.empty() && i < n; ++i) {
    std::vector<Value> t;
    for (auto& s : seqs) t.push_back(s[i]);
    out.push_back(Value::tuple(std::move(t)));
  }
  return Value::list(std::move(out));
}

Value py_sum(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "sum", {"iterable", "start="});
  Value acc = b.has("start") ? *b.get("start") : Value::integer(0);
  for (const auto& v : items_of(in, b.req("iterable"), a.loc, "sum")) {
    if (!v.is_number() || !acc.is_number()) in.fail(a.loc, "sum() needs numbers, got " + type_name(v));
    if (acc.kind == VKind::Float || v.kind == VKind::Float) {
      acc = Value::floating(
          static_cast<float>(to_float(in, acc, "sum", a.loc) + to_float(in, v, "sum", a.loc)));
    } else {
      int64_t r = to_int(in, acc, "sum", a.loc) + to_int(in, v, "sum", a.loc);
      if (r < INT32_MIN || r > INT32_MAX) in.fail(a.loc, "integer overflow in sum()");
      acc = Value::integer(static_cast<int32_t>(r));
    }
  }
  return acc;
}

Value py_any(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "any", {"iterable"});
  for (const auto& v : items_of(in, b.req("iterable"), a.loc, "any"))
    if (truthy(v)) return Value::boolean(true);
  return Value::boolean(false);
}

Value py_all(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "all", {"iterable"});
  for (const auto& v : items_of(in, b.req("iterable"), a.loc, "all"))
    if (!truthy(v)) return Value::boolean(false);
  return Value::boolean(true);
}

Value py_sorted(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "sorted", {"iterable", "reverse="});
  auto v = items_of(in, b.req("iterable"), a.loc, "sorted");
  bool all_num = std::all_of(v.begin(), v.end(), [](const Value& x) { return x.is_number(); });
  bool all_str = std::all_of(v.begin(), v.end(), [](const Value& x) { return x.kind == VKind::Str; });
  if (!all_num && !all_str) in.fail(a.loc, "sorted() supports lists of numbers or of strings");
  std::stable_sort(v.begin(), v.end(), [&](const Value& x, const Value& y) {
    if (all_str) return x.as<StrObj>().s < y.as<StrObj>().s;
    return to_float(in, x, "sorted", a.loc) < to_float(in, y, "sorted", a.loc);
  });
  if (b.has("reverse") && truthy(*b.get("reverse"))) std::reverse(v.begin(), v.end());
  return Value::list(std::move(v));
}

Value py_reversed(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "reversed", {"seq"});
  auto v = items_of(in, b.req("seq"), a.loc, "reversed");
  std::reverse(v.begin(), v.end());
  return Value::list(std::move(v));
}

Value py_round(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "round", {"number", "ndigits="});
  double x = to_float(in, b.req("number"), "round() argument", a.loc);
  if (!b.has("ndigits") || b.get("ndigits")->is_none()) {
    double r = std::nearbyint(x);  // ties to even, as Python
    if (!std::isfinite(r) || r < INT32_MIN || r > INT32_MAX)
      in.fail(a.loc, "round(): result does not fit in a 32-bit int");
    return Value::integer(static_cast<int32_t>(r));
  }
  double scale = std::pow(10.0, to_int(in, *b.get("ndigits"), "ndigits", a.loc));
  return Value::floating(static_cast<float>(std::nearbyint(x * scale) / scale));
}

Value py_divmod(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "divmod", {"a", "b"});
  int64_t x = to_int(in, b.req("a"), "divmod() argument", a.loc),
          y = to_int(in, b.req("b"), "divmod() argument", a.loc);
  if (y == 0) in.fail(a.loc, "integer division or modulo by zero");
  int64_t q = x / y;
  if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
  return Value::tuple(
      {Value::integer(static_cast<int32_t>(q)), Value::integer(static_cast<int32_t>(x - q * y))});
}

Value py_getattr(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "getattr", {"object", "name", "default="});
  if (b.req("name").kind != VKind::Str) in.fail(a.loc, "getattr(): attribute name must be a string");
  try {
    return in.get_attr(b.req("object"), b.req("name").as<StrObj>().s, a.loc);
  } catch (UserError&) {
    if (b.has("default")) return *b.get("default");
    throw;
  }
}

Value py_hasattr(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "hasattr", {"object", "name"});
  if (b.req("name").kind != VKind::Str) in.fail(a.loc, "hasattr(): attribute name must be a string");
  try {
    in.get_attr(b.req("object"), b.req("name").as<StrObj>().s, a.loc);
    return Value::boolean(true);
  } catch (UserError&) {
    return Value::boolean(false);
  }
}

Value py_property(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "property", {"fget"});
  if (b.req("fget").kind != VKind::Function) in.fail(a.loc, "@property decorates a method");
  auto p = std::make_shared<PropertyObj>();
  p->getter = b.req("fget");
  return Value::heap(VKind::Property, p);
}

Value py_staticmethod(Interp& in, CallArgs& a) {
  return method_wrapper(in, a, true);
}

Value py_classmethod(Interp& in, CallArgs& a) {
  return method_wrapper(in, a, false);
}

Value py_slice(Interp& in, CallArgs& a) {
  if (!a.kw.empty() || a.pos.empty() || a.pos.size() > 3)
    in.fail(a.loc, "slice expected 1 to 3 positional arguments");
  auto s = std::make_shared<SliceObj>();
  if (a.pos.size() == 1)
    s->stop = a.pos[0];
  else {
    s->start = a.pos[0];
    s->stop = a.pos[1];
    if (a.pos.size() == 3) s->step = a.pos[2];
  }
  return Value::heap(VKind::Slice, s);
}

// The builtins above by their Python name.
const std::pair<const char*, Value (*)(Interp&, CallArgs&)> kPythonBuiltins[] = {
    {"print", py_print},
    {"range", py_range},
    {"len", py_len},
    {"min", py_min},
    {"max", py_max},
    {"abs", py_abs},
    {"int", py_int},
    {"float", py_float},
    {"bool", py_bool},
    {"str", py_str},
    {"repr", py_repr},
    {"tuple", py_tuple},
    {"list", py_list},
    {"dict", py_dict},
    {"isinstance", py_isinstance},
    {"enumerate", py_enumerate},
    {"zip", py_zip},
    {"sum", py_sum},
    {"any", py_any},
    {"all", py_all},
    {"sorted", py_sorted},
    {"reversed", py_reversed},
    {"round", py_round},
    {"divmod", py_divmod},
    {"getattr", py_getattr},
    {"hasattr", py_hasattr},
    {"property", py_property},
    {"staticmethod", py_staticmethod},
    {"classmethod", py_classmethod},
    {"slice", py_slice},
};

}  // namespace

void install_python_builtins(Interp& in, std::unordered_map<std::string, Value>& out) {
  auto def = [&out](const std::string& name, BuiltinFn fn) { out[name] = make_builtin(name, std::move(fn)); };
  for (const auto& [name, fn] : kPythonBuiltins) def(name, fn);

  out["object"] = Value::heap(VKind::Class, object_class());
  def("type", [&out](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "type", {"object"});
    if (b.req("object").kind == VKind::Instance)
      return Value::heap(VKind::Class, b.req("object").as<InstanceObj>().cls);
    auto it = out.find(type_name(b.req("object")));
    if (it != out.end()) return it->second;
    return Value::str(type_name(b.req("object")));
  });
}

}  // namespace nki::lang

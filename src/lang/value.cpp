// Value construction, printing, truthiness and equality (Python semantics).
#include "lang/value.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "support/diagnostics.h"
#include "support/shape.h"

namespace nki::lang {

// ---------------------------------------------------------------------------------------------
// The heap: objects listed per specialization, cycles freed at its end

namespace {

thread_local Heap* current_heap = nullptr;

void take(Value& v, Released& out) {
  if (v.obj) out.push_back(std::move(v.obj));
  v = Value::none();
}

// The values of a map, or of a vector of (name, value) pairs.
template <typename Map>
void take_all(Map& attrs, Released& out) {
  for (auto& kv : attrs) take(kv.second, out);
  attrs.clear();
}

}  // namespace

Heap::Heap() : previous_(current_heap) {
  current_heap = this;
}

Heap::~Heap() {
  // First every reference moves out of every listed object, so nothing is freed while the list is
  // walked; then dropping them frees the objects only this heap's objects held (each unlists
  // itself as it goes). The survivors, held from outside, are unlisted last.
  Released out;
  for (Obj* o = first_; o != nullptr; o = o->next_) o->release(out);
  out.clear();
  for (Obj* o = first_; o != nullptr;) {
    Obj* next = o->next_;
    o->heap_ = nullptr;
    o->prev_ = o->next_ = nullptr;
    o = next;
  }
  current_heap = previous_;
}

Obj::Obj() : heap_(current_heap) {
  if (heap_ == nullptr) return;
  next_ = heap_->first_;
  if (next_ != nullptr) next_->prev_ = this;
  heap_->first_ = this;
}

Obj::~Obj() {
  if (heap_ == nullptr) return;
  if (prev_ != nullptr)
    prev_->next_ = next_;
  else
    heap_->first_ = next_;
  if (next_ != nullptr) next_->prev_ = prev_;
}

void SeqObj::release(Released& out) {
  for (Value& v : items) take(v, out);
  items.clear();
}

void DictObj::release(Released& out) {
  for (auto& [k, v] : items) {
    take(k, out);
    take(v, out);
  }
  items.clear();
}

void FunctionObj::release(Released& out) {
  for (Value& v : defaults) take(v, out);
  defaults.clear();
  has_default.clear();
  if (closure) out.push_back(std::move(closure));
}

void BuiltinObj::release(Released& out) {
  take(self, out);
  // The function may capture values (a bound method's receiver); it goes with the rest.
  if (fn) out.push_back(std::make_shared<BuiltinFn>(std::move(fn)));
  fn = nullptr;
}

void ModuleObj::release(Released& out) {
  take_all(attrs, out);
  if (host) out.push_back(std::move(host));
}

void ObjectObj::release(Released& out) {
  take_all(attrs, out);
}

void ClassObj::release(Released& out) {
  for (auto& b : bases) out.push_back(std::move(b));
  bases.clear();
  take_all(attrs, out);
  take_all(field_defaults, out);
  if (host) out.push_back(std::move(host));
}

void InstanceObj::release(Released& out) {
  if (cls) out.push_back(std::move(cls));
  take_all(attrs, out);
}

void PropertyObj::release(Released& out) {
  take(getter, out);
}
void StaticMethodObj::release(Released& out) {
  take(fn, out);
}
void ClassMethodObj::release(Released& out) {
  take(fn, out);
}

// ---------------------------------------------------------------------------------------------
// Construction, lookup

const Value* ModuleObj::find(const std::string& key, SourceLoc use) {
  auto it = attrs.find(key);
  if (it != attrs.end()) return &it->second;
  if (!host) return nullptr;
  std::optional<Value> v = host->fetch(key, use);
  if (!v) return nullptr;
  return &attrs.emplace(key, std::move(*v)).first->second;
}

Value Value::str(std::string s) {
  auto o = std::make_shared<StrObj>();
  o->s = std::move(s);
  return heap(VKind::Str, std::move(o));
}

Value Value::tuple(std::vector<Value> items) {
  auto o = std::make_shared<SeqObj>();
  o->items = std::move(items);
  return heap(VKind::Tuple, std::move(o));
}

Value Value::list(std::vector<Value> items) {
  auto o = std::make_shared<SeqObj>();
  o->items = std::move(items);
  return heap(VKind::List, std::move(o));
}

Value* DictObj::find(const Value& key) {
  if (key.kind == VKind::Str) return find(key.as<StrObj>().s);
  for (auto& kv : items)
    if (dict_keys_equal(kv.first, key)) return &kv.second;
  return nullptr;
}

Value* DictObj::find(const std::string& key) {
  for (auto& kv : items)
    if (kv.first.kind == VKind::Str && kv.first.as<StrObj>().s == key) return &kv.second;
  return nullptr;
}

void DictObj::set(Value key, Value v) {
  if (Value* p = find(key)) {
    *p = std::move(v);
  } else {
    items.emplace_back(std::move(key), std::move(v));
  }
}

void DictObj::set(const std::string& key, Value v) {
  if (Value* p = find(key)) {
    *p = std::move(v);
  } else {
    items.emplace_back(Value::str(key), std::move(v));
  }
}

bool DictObj::erase(const Value& key) {
  for (auto it = items.begin(); it != items.end(); ++it)
    if (dict_keys_equal(it->first, key)) {
      items.erase(it);
      return true;
    }
  return false;
}

std::string type_name(const Value& v) {
  switch (v.kind) {
    case VKind::None: return "NoneType";
    case VKind::Bool: return "bool";
    case VKind::Int: return "int";
    case VKind::Float: return "float";
    case VKind::Ellipsis: return "ellipsis";
    case VKind::Str: return "str";
    case VKind::Tuple: return "tuple";
    case VKind::List: return "list";
    case VKind::Dict: return "dict";
    case VKind::Range: return "range";
    case VKind::Slice: return "slice";
    case VKind::Function: return "function";
    case VKind::Builtin: return "builtin_function";
    case VKind::Module: return "module";
    case VKind::Object: return v.as<ObjectObj>().type_name;
    case VKind::Tensor: return "NkiTensor";
    case VKind::DType: return "dtype";
    case VKind::Buffer: return "buffer";
    case VKind::Class: return "type";
    case VKind::Instance: return v.as<InstanceObj>().cls->name;
    case VKind::Property: return "property";
    case VKind::StaticMethod: return "staticmethod";
    case VKind::ClassMethod: return "classmethod";
  }
  return "object";
}

namespace {

std::string float_repr(float f) {
  if (std::isnan(f)) return "nan";
  if (std::isinf(f)) return f > 0 ? "inf" : "-inf";
  // Shortest text that reads back as the same 32-bit float, spelled the way Python spells floats.
  std::string s = fmt::format("{}", f);
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

// The containers being printed, innermost last: one that contains itself prints as [...], as in
// Python, instead of recursing without end.
thread_local std::vector<const void*> printing;

struct Printing {
  bool cycle;
  explicit Printing(const void* p) : cycle(std::find(printing.begin(), printing.end(), p) != printing.end()) {
    if (!cycle) printing.push_back(p);
  }
  ~Printing() {
    if (!cycle) printing.pop_back();
  }
};

std::string seq_repr(const std::vector<Value>& items, const char* open, const char* close, bool tuple) {
  Printing guard(&items);
  if (guard.cycle) return std::string(open) + "..." + close;
  std::string s = open;
  for (size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + to_repr(items[i]);
  if (tuple && items.size() == 1) s += ",";
  return s + close;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string to_repr(const Value& v) {
  switch (v.kind) {
    case VKind::Str: return quote(v.as<StrObj>().s);
    default: return to_str(v);
  }
}

std::string with_article(const std::string& type) {
  const bool vowel =
      !type.empty() && std::string_view("aeiouAEIOU").find(type.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + type;
}

std::string to_str(const Value& v) {
  switch (v.kind) {
    case VKind::None: return "None";
    case VKind::Bool: return v.b ? "True" : "False";
    case VKind::Int: return std::to_string(v.i);
    case VKind::Float: return float_repr(v.f);
    case VKind::Ellipsis: return "Ellipsis";
    case VKind::Str: return v.as<StrObj>().s;
    case VKind::Tuple: return seq_repr(v.as<SeqObj>().items, "(", ")", true);
    case VKind::List: return seq_repr(v.as<SeqObj>().items, "[", "]", false);
    case VKind::Dict: {
      Printing guard(&v.as<DictObj>());
      if (guard.cycle) return "{...}";
      std::string s = "{";
      bool first = true;
      for (const auto& kv : v.as<DictObj>().items) {
        s += (first ? "" : ", ") + to_repr(kv.first) + ": " + to_repr(kv.second);
        first = false;
      }
      return s + "}";
    }
    case VKind::Range: {
      const auto& r = v.as<RangeObj>();
      return r.step == 1 ? fmt::format("range({}, {})", r.start, r.stop)
                         : fmt::format("range({}, {}, {})", r.start, r.stop, r.step);
    }
    case VKind::Slice: {
      const auto& s = v.as<SliceObj>();
      return "slice(" + to_repr(s.start) + ", " + to_repr(s.stop) + ", " + to_repr(s.step) + ")";
    }
    case VKind::Function: return "<function " + v.as<FunctionObj>().name + ">";
    case VKind::Builtin: return "<built-in function " + v.as<BuiltinObj>().name + ">";
    case VKind::Module: return "<module '" + v.as<ModuleObj>().name + "'>";
    case VKind::Object: {
      const auto& o = v.as<ObjectObj>();
      return o.repr.empty() ? "<" + o.type_name + " object>" : o.repr;
    }
    case VKind::Tensor: {
      const AccessPattern& ap = v.as<TensorObj>().ap;
      return fmt::format("NkiTensor(name='{}', shape={}, dtype={}, buffer={})", ap.storage->name,
                         shape_str(ap.shape(), ShapeForm::Tuple), dtype_name(ap.dtype),
                         buffer_name(ap.storage->buffer));
    }
    case VKind::DType: return std::string(dtype_name(v.dtype));
    case VKind::Buffer: return std::string(buffer_name(v.buffer));
    case VKind::Class: return "<class '" + v.as<ClassObj>().name + "'>";
    case VKind::Property: return "<property>";
    case VKind::StaticMethod: return "<staticmethod(" + to_repr(v.as<StaticMethodObj>().fn) + ")>";
    case VKind::ClassMethod: return "<classmethod(" + to_repr(v.as<ClassMethodObj>().fn) + ")>";
    case VKind::Instance: {
      auto& o = v.as<InstanceObj>();
      if (o.cls->kind == ClassObj::Kind::Enum) return o.cls->name + "." + to_str(*o.find("name"));
      Printing guard(&o);
      if (guard.cycle) return o.cls->name + "(...)";
      std::string s = o.cls->name + "(";
      for (size_t i = 0; i < o.attrs.size(); ++i)
        s += (i ? ", " : "") + o.attrs[i].first + "=" + to_repr(o.attrs[i].second);
      return s + ")";
    }
  }
  return "?";
}

bool truthy(const Value& v) {
  switch (v.kind) {
    case VKind::None: return false;
    case VKind::Bool: return v.b;
    case VKind::Int: return v.i != 0;
    case VKind::Float: return v.f != 0;
    case VKind::Str: return !v.as<StrObj>().s.empty();
    case VKind::Tuple:
    case VKind::List: return !v.as<SeqObj>().items.empty();
    case VKind::Dict: return !v.as<DictObj>().items.empty();
    case VKind::Range: {
      const auto& r = v.as<RangeObj>();
      return r.step > 0 ? r.start < r.stop : r.start > r.stop;
    }
    case VKind::Tensor:
      throw UserError(
          "the truth value of a tensor is only known at run time; "
          "use a compile-time value (e.g. its .shape) in conditions");
    default: return true;
  }
}

namespace {

// The value of a member of an Enum with a builtin mixin (IntEnum, ...), else `v` itself.
const Value& mixin_value(const Value& v) {
  if (v.kind != VKind::Instance) return v;
  auto& inst = v.as<InstanceObj>();
  if (!inst.cls->value_mixin) return v;
  const Value* value = inst.find("value");
  return value ? *value : v;
}

}  // namespace

bool values_equal(const Value& a_in, const Value& b_in) {
  const Value& a = mixin_value(a_in);
  const Value& b = mixin_value(b_in);
  if (a.is_number() && b.is_number()) {
    if (a.kind == VKind::Float || b.kind == VKind::Float) {
      auto f = [](const Value& v) {
        return v.kind == VKind::Float ? double(v.f) : v.kind == VKind::Int ? double(v.i) : double(v.b);
      };
      return f(a) == f(b);
    }
    auto n = [](const Value& v) { return v.kind == VKind::Int ? v.i : int32_t(v.b); };
    return n(a) == n(b);
  }
  if (a.kind != b.kind) {
    return false;
  }
  switch (a.kind) {
    case VKind::None:
    case VKind::Ellipsis: return true;
    case VKind::Str: return a.as<StrObj>().s == b.as<StrObj>().s;
    case VKind::Tuple:
    case VKind::List: {
      const auto& x = a.as<SeqObj>().items;
      const auto& y = b.as<SeqObj>().items;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!values_equal(x[i], y[i])) return false;
      return true;
    }
    case VKind::Dict: {
      auto& x = a.as<DictObj>();
      auto& y = b.as<DictObj>();
      if (x.items.size() != y.items.size()) return false;
      for (auto& kv : x.items) {
        Value* o = y.find(kv.first);  // keys of a dict are hashable
        if (!o || !values_equal(kv.second, *o)) return false;
      }
      return true;
    }
    case VKind::DType: return a.dtype == b.dtype;
    case VKind::Buffer: return a.buffer == b.buffer;
    case VKind::Tensor: return a.as<TensorObj>().ap == b.as<TensorObj>().ap;
    case VKind::Builtin: return a.as<BuiltinObj>().name == b.as<BuiltinObj>().name;
    case VKind::Instance: {
      // Enum members are unique and plain classes compare by identity; NKIObjects and dataclasses
      // compare field by field.
      auto& x = a.as<InstanceObj>();
      auto& y = b.as<InstanceObj>();
      if (a.obj == b.obj) return true;
      if (x.cls != y.cls || x.cls->kind == ClassObj::Kind::Enum || !x.cls->has_fields_init() ||
          x.attrs.size() != y.attrs.size())
        return false;
      for (auto& [k, v] : x.attrs) {
        Value* o = y.find(k);
        if (!o || !values_equal(v, *o)) return false;
      }
      return true;
    }
    default: return a.obj == b.obj;
  }
}

bool values_identical(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case VKind::None:
    case VKind::Ellipsis: return true;
    case VKind::Bool: return a.b == b.b;
    case VKind::Int: return a.i == b.i;
    case VKind::Float: return std::memcmp(&a.f, &b.f, sizeof(float)) == 0;
    case VKind::Str: return a.obj == b.obj || a.as<StrObj>().s == b.as<StrObj>().s;
    case VKind::DType: return a.dtype == b.dtype;
    case VKind::Buffer: return a.buffer == b.buffer;
    default: return a.obj == b.obj;
  }
}

std::string unhashable_type(const Value& v) {
  switch (v.kind) {
    case VKind::List:
    case VKind::Dict:
    case VKind::Slice:
    case VKind::Tensor: return type_name(v);
    case VKind::Tuple:
      for (const Value& x : v.as<SeqObj>().items) {
        std::string t = unhashable_type(x);
        if (!t.empty()) return t;
      }
      return "";
    default: return "";
  }
}

bool is_hashable(const Value& v) {
  return unhashable_type(v).empty();
}

bool dict_keys_equal(const Value& a_in, const Value& b_in) {
  const Value& a = mixin_value(a_in);
  const Value& b = mixin_value(b_in);
  if (a.is_number() && b.is_number()) return values_equal(a, b);
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case VKind::None:
    case VKind::Ellipsis: return true;
    case VKind::Str: return a.as<StrObj>().s == b.as<StrObj>().s;
    case VKind::DType: return a.dtype == b.dtype;
    case VKind::Buffer: return a.buffer == b.buffer;
    case VKind::Tuple: {
      const auto& x = a.as<SeqObj>().items;
      const auto& y = b.as<SeqObj>().items;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!dict_keys_equal(x[i], y[i])) return false;
      return true;
    }
    case VKind::Builtin: {
      // nl.add read twice is one key even if a host rebuilt the builtin; bound methods are not.
      if (a.obj == b.obj) return true;
      const auto& x = a.as<BuiltinObj>();
      const auto& y = b.as<BuiltinObj>();
      return x.self.is_none() && y.self.is_none() && x.name == y.name;
    }
    default: return a.obj == b.obj;
  }
}

}  // namespace nki::lang

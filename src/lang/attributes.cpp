// Subscripts and attributes of compile-time values: sequence indexing and slicing, dict lookup,
// module members, and the methods of lists, dicts and strings.
#include <algorithm>

#include "lang/classes.h"
#include "lang/interp.h"
#include "support/diagnostics.h"

namespace nki::lang {

namespace {

// Python slice indices over a sequence of length n.
void slice_indices(Interp& in, const SliceObj& s, int64_t n, SourceLoc loc, int64_t& start, int64_t& stop,
                   int64_t& step) {
  step = s.step.is_none() ? 1 : to_int(in, s.step, "slice step", loc);
  if (step == 0) in.fail(loc, "slice step cannot be zero");
  auto norm = [&](const Value& v, int64_t dflt, bool is_start) {
    if (v.is_none()) return dflt;
    int64_t x = to_int(in, v, "slice index", loc);
    if (x < 0) x += n;
    if (step > 0) return std::clamp<int64_t>(x, 0, n);
    return std::clamp<int64_t>(x, -1, n - 1);
    (void)is_start;
  };
  start = norm(s.start, step > 0 ? 0 : n - 1, true);
  stop = norm(s.stop, step > 0 ? n : -1, false);
}

Value method(const std::string& name, const Value& self, BuiltinFn fn) {
  auto b = std::make_shared<BuiltinObj>();
  b->name = name;
  b->fn = std::move(fn);
  b->self = self;
  return Value::heap(VKind::Builtin, b);
}

int64_t seq_index(Interp& in, const Value& key, int64_t n, SourceLoc loc, const char* what) {
  int64_t i = to_int(in, key, std::string(what) + " index", loc);
  if (i < 0) i += n;
  if (i < 0 || i >= n) in.fail(loc, std::string(what) + " index out of range");
  return i;
}

Value list_method(Interp& in, const Value& self, const std::string& name, SourceLoc loc) {
  auto& items = self.as<SeqObj>().items;
  auto m = [&](BuiltinFn fn) { return method("list." + name, self, std::move(fn)); };
  if (name == "append")
    return m([&items](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "list.append", {"object"});
      items.push_back(b.req("object"));
      return Value::none();
    });
  if (name == "extend")
    return m([&items](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "list.extend", {"iterable"});
      const Value& it = b.req("iterable");
      if (it.kind != VKind::List && it.kind != VKind::Tuple)
        in.fail(a.loc, "list.extend() needs a list or tuple");
      std::vector<Value> copy = it.as<SeqObj>().items;
      items.insert(items.end(), copy.begin(), copy.end());
      return Value::none();
    });
  if (name == "pop")
    return m([&items](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "list.pop", {"index="});
      if (items.empty()) in.fail(a.loc, "pop from empty list");
      int64_t i =
          b.has("index") ? seq_index(in, *b.get("index"), items.size(), a.loc, "pop") : items.size() - 1;
      Value v = items[i];
      items.erase(items.begin() + i);
      return v;
    });
  if (name == "insert")
    return m([&items](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "list.insert", {"index", "object"});
      int64_t n = items.size();
      int64_t i = std::clamp<int64_t>(to_int(in, b.req("index"), "index", a.loc), -n, n);
      if (i < 0) i += n;
      items.insert(items.begin() + i, b.req("object"));
      return Value::none();
    });
  if (name == "index" || name == "count" || name == "remove")
    return m([&items, name](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "list." + name, {"value"});
      int64_t count = 0;
      for (size_t i = 0; i < items.size(); ++i) {
        if (!values_equal(items[i], b.req("value"))) continue;
        if (name == "index") return Value::integer(static_cast<int32_t>(i));
        if (name == "remove") {
          items.erase(items.begin() + i);
          return Value::none();
        }
        ++count;
      }
      if (name == "count") return Value::integer(static_cast<int32_t>(count));
      in.fail(a.loc, "list." + name + "(x): x not in list");
    });
  if (name == "reverse")
    return m([&items](Interp&, CallArgs&) {
      std::reverse(items.begin(), items.end());
      return Value::none();
    });
  if (name == "clear")
    return m([&items](Interp&, CallArgs&) {
      items.clear();
      return Value::none();
    });
  if (name == "copy") return m([&items](Interp&, CallArgs&) { return Value::list(items); });
  in.fail(loc, "'list' object has no attribute '" + name + "'");
}

Value dict_method(Interp& in, const Value& self, const std::string& name, SourceLoc loc) {
  auto& d = self.as<DictObj>();
  auto m = [&](BuiltinFn fn) { return method("dict." + name, self, std::move(fn)); };
  if (name == "keys" || name == "values" || name == "items")
    return m([&d, name](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "dict." + name, {});
      std::vector<Value> out;
      for (const auto& [k, v] : d.items) {
        if (name == "keys")
          out.push_back(k);
        else if (name == "values")
          out.push_back(v);
        else
          out.push_back(Value::tuple({k, v}));
      }
      return Value::list(std::move(out));
    });
  if (name == "get")
    return m([&d](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "dict.get", {"key", "default="});
      Value* v = d.find(dict_key(in, b.req("key"), a.loc));
      return v ? *v : (b.has("default") ? *b.get("default") : Value::none());
    });
  if (name == "pop")
    return m([&d](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "dict.pop", {"key", "default="});
      const Value& k = dict_key(in, b.req("key"), a.loc);
      if (Value* v = d.find(k)) {
        Value r = *v;
        d.erase(k);
        return r;
      }
      if (b.has("default")) return *b.get("default");
      in.fail(a.loc, "KeyError: " + to_repr(k));
    });
  if (name == "setdefault")
    return m([&d](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "dict.setdefault", {"key", "default="});
      const Value& k = dict_key(in, b.req("key"), a.loc);
      if (Value* v = d.find(k)) return *v;
      Value v = b.has("default") ? *b.get("default") : Value::none();
      d.set(k, v);
      return v;
    });
  if (name == "update")
    return m([&d](Interp& in, CallArgs& a) {
      if (a.pos.size() > 1)
        in.fail(a.loc, "dict.update expected at most 1 argument, got " + std::to_string(a.pos.size()),
                ErrorClass::type);
      if (!a.pos.empty()) {
        Value other = a.pos[0];
        if (other.kind == VKind::Dict) {
          auto pairs = other.as<DictObj>().items;  // a copy: d.update(d) is fine
          for (auto& [k, v] : pairs) d.set(k, v);
        } else {
          dict_set_pairs(in, d, other, a.loc, "dict.update");
        }
      }
      for (const auto& [k, v] : a.kw) d.set(k, v);
      return Value::none();
    });
  if (name == "clear")
    return m([&d](Interp&, CallArgs&) {
      d.items.clear();
      return Value::none();
    });
  if (name == "copy")
    return m([&d](Interp&, CallArgs&) {
      auto c = std::make_shared<DictObj>();
      c->items = d.items;
      return Value::heap(VKind::Dict, c);
    });
  in.fail(loc, "'dict' object has no attribute '" + name + "'");
}

Value str_method(Interp& in, const Value& self, const std::string& name, SourceLoc loc) {
  const std::string s = self.as<StrObj>().s;
  auto m = [&](BuiltinFn fn) { return method("str." + name, self, std::move(fn)); };
  if (name == "upper" || name == "lower")
    return m([s, name](Interp&, CallArgs&) {
      std::string r = s;
      for (char& c : r) c = static_cast<char>(name == "upper" ? toupper(c) : tolower(c));
      return Value::str(r);
    });
  if (name == "startswith" || name == "endswith")
    return m([s, name](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "str." + name, {"prefix"});
      const Value& p = b.req("prefix");
      if (p.kind != VKind::Str) in.fail(a.loc, "str." + name + "() argument must be a str");
      const std::string& x = p.as<StrObj>().s;
      bool r =
          x.size() <= s.size() && (name == "startswith" ? s.compare(0, x.size(), x) == 0
                                                        : s.compare(s.size() - x.size(), x.size(), x) == 0);
      return Value::boolean(r);
    });
  if (name == "join")
    return m([s](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "str.join", {"iterable"});
      const Value& it = b.req("iterable");
      if (it.kind != VKind::List && it.kind != VKind::Tuple)
        in.fail(a.loc, "str.join() needs a list or tuple of str");
      std::string r;
      bool first = true;
      for (const auto& x : it.as<SeqObj>().items) {
        if (x.kind != VKind::Str) in.fail(a.loc, "str.join(): expected str, found " + type_name(x));
        r += (first ? "" : s) + x.as<StrObj>().s;
        first = false;
      }
      return Value::str(r);
    });
  if (name == "replace")
    return m([s](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "str.replace", {"old", "new"});
      if (b.req("old").kind != VKind::Str || b.req("new").kind != VKind::Str)
        in.fail(a.loc, "str.replace() takes str arguments");
      std::string from = b.req("old").as<StrObj>().s, to = b.req("new").as<StrObj>().s, r;
      if (from.empty()) return Value::str(s);
      size_t pos = 0;
      for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size())
        r += s.substr(pos, hit - pos) + to;
      return Value::str(r + s.substr(pos));
    });
  if (name == "split")
    return m([s](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "str.split", {"sep="});
      std::vector<Value> parts;
      if (!b.has("sep") || b.get("sep")->is_none()) {
        size_t i = 0;
        while (i < s.size()) {
          while (i < s.size() && isspace(static_cast<unsigned char>(s[i]))) ++i;
          size_t j = i;
          while (j < s.size() && !isspace(static_cast<unsigned char>(s[j]))) ++j;
          if (j > i) parts.push_back(Value::str(s.substr(i, j - i)));
          i = j;
        }
      } else {
        if (b.get("sep")->kind != VKind::Str) in.fail(a.loc, "str.split() separator must be a str");
        std::string sep = b.get("sep")->as<StrObj>().s;
        if (sep.empty()) in.fail(a.loc, "empty separator");
        size_t pos = 0;
        for (size_t hit; (hit = s.find(sep, pos)) != std::string::npos; pos = hit + sep.size())
          parts.push_back(Value::str(s.substr(pos, hit - pos)));
        parts.push_back(Value::str(s.substr(pos)));
      }
      return Value::list(std::move(parts));
    });
  in.fail(loc, "'str' object has no attribute '" + name + "'");
}

}  // namespace

const Value& dict_key(Interp& in, const Value& key, SourceLoc loc) {
  std::string bad = unhashable_type(key);
  if (!bad.empty()) in.fail(loc, "unhashable type: '" + bad + "'", ErrorClass::type);
  return key;
}

void dict_set_pairs(Interp& in, DictObj& d, const Value& pairs, SourceLoc loc, const std::string& fname) {
  in.iterate(pairs, loc, [&](const Value& kv) {
    if ((kv.kind != VKind::Tuple && kv.kind != VKind::List) || kv.as<SeqObj>().items.size() != 2)
      in.fail(loc, fname + "(): each element must be a (key, value) pair");
    const auto& p = kv.as<SeqObj>().items;
    d.set(dict_key(in, p[0], loc), p[1]);
    return true;
  });
}

Value Interp::eval_subscript(const Value& v, const Value& key, SourceLoc loc) {
  switch (v.kind) {
    case VKind::Tuple:
    case VKind::List:
    case VKind::Str: {
      int64_t n = v.kind == VKind::Str ? v.as<StrObj>().s.size() : v.as<SeqObj>().items.size();
      const char* what = v.kind == VKind::Str ? "string" : v.kind == VKind::List ? "list" : "tuple";
      if (key.kind == VKind::Slice) {
        int64_t start, stop, step;
        slice_indices(*this, key.as<SliceObj>(), n, loc, start, stop, step);
        std::vector<Value> items;
        std::string s;
        for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
          if (v.kind == VKind::Str)
            s += v.as<StrObj>().s[i];
          else
            items.push_back(v.as<SeqObj>().items[i]);
        }
        if (v.kind == VKind::Str) return Value::str(s);
        return v.kind == VKind::List ? Value::list(std::move(items)) : Value::tuple(std::move(items));
      }
      int64_t i = seq_index(*this, key, n, loc, what);
      if (v.kind == VKind::Str) return Value::str(std::string(1, v.as<StrObj>().s[i]));
      return v.as<SeqObj>().items[i];
    }
    case VKind::Dict: {
      Value* p = v.as<DictObj>().find(dict_key(*this, key, loc));
      if (!p) fail(loc, "KeyError: " + to_repr(key));
      return *p;
    }
    case VKind::Range: {
      const auto& r = v.as<RangeObj>();
      int64_t n = std::max<int64_t>(0, (r.stop - r.start + r.step + (r.step > 0 ? -1 : 1)) / r.step);
      return Value::integer(static_cast<int32_t>(r.start + seq_index(*this, key, n, loc, "range") * r.step));
    }
    case VKind::Tensor: return index_tensor(*this, v.as<TensorObj>(), key, loc);
    default: fail(loc, "'" + type_name(v) + "' object is not subscriptable");
  }
}

Value Interp::get_attr(const Value& v, const std::string& attr, SourceLoc loc) {
  switch (v.kind) {
    case VKind::Module: {
      auto& m = v.as<ModuleObj>();
      if (const Value* found = m.find(attr, loc)) return *found;
      if (m.name == "nki.language" || m.name == "nki.isa")
        fail(loc, m.name + " has no function or attribute '" + attr + "'");
      fail(loc, "module '" + m.name + "' has no attribute '" + attr + "'");
    }
    case VKind::Object: {
      auto& o = v.as<ObjectObj>();
      if (!o.unusable.empty()) fail(loc, o.unusable);
      auto it = o.attrs.find(attr);
      if (it == o.attrs.end()) fail(loc, "'" + o.type_name + "' object has no attribute '" + attr + "'");
      return it->second;
    }
    case VKind::Tensor: return tensor_attribute(*this, v, attr, loc);
    case VKind::Class: return class_attribute(*this, v, attr, loc);
    case VKind::Instance: return instance_attribute(*this, v, attr, loc);
    case VKind::List: return list_method(*this, v, attr, loc);
    case VKind::Dict: return dict_method(*this, v, attr, loc);
    case VKind::Str: return str_method(*this, v, attr, loc);
    case VKind::Tuple:
      if (attr == "index" || attr == "count") {
        Value copy = Value::list(v.as<SeqObj>().items);
        return list_method(*this, copy, attr, loc);
      }
      break;
    case VKind::Function:
      if (attr == "__name__") return Value::str(v.as<FunctionObj>().name);
      break;
    case VKind::DType:
      if (attr == "itemsize") return Value::integer(dtype_size(v.dtype));
      break;
    default: break;
  }
  fail(loc, "'" + type_name(v) + "' object has no attribute '" + attr + "'");
}

}  // namespace nki::lang

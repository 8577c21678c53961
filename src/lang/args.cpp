// Argument binding and value conversions for built-in functions, with Python-style messages.
#include <cmath>

#include "lang/interp.h"
#include "support/diagnostics.h"

namespace nki::lang {

Value make_builtin(std::string name, BuiltinFn fn) {
  auto b = std::make_shared<BuiltinObj>();
  b->name = std::move(name);
  b->fn = std::move(fn);
  return Value::heap(VKind::Builtin, b);
}

ArgBinder::ArgBinder(Interp& in, CallArgs& args, std::string fname, std::vector<std::string> params)
    : in_(in), fname_(std::move(fname)), loc_(args.loc) {
  std::vector<bool> optional;
  for (auto& p : params) {
    bool opt = !p.empty() && p.back() == '=';
    if (opt) p.pop_back();
    names_.push_back(p);
    optional.push_back(opt);
  }
  slots_.assign(names_.size(), nullptr);
  if (args.pos.size() > names_.size())
    in.fail(loc_,
            fname_ + "() takes at most " + std::to_string(names_.size()) + " positional argument" +
                (names_.size() == 1 ? "" : "s") + " but " + std::to_string(args.pos.size()) + " were given",
            ErrorClass::type);
  for (size_t i = 0; i < args.pos.size(); ++i) slots_[i] = &args.pos[i];
  for (const auto& [name, v] : args.kw) {
    size_t i = 0;
    while (i < names_.size() && names_[i] != name) ++i;
    if (i == names_.size()) {
      std::string expected;
      for (size_t k = 0; k < names_.size(); ++k) expected += (k ? ", " : "") + names_[k];
      in.fail(loc_,
              fname_ + "() got an unexpected keyword argument '" + name + "' (expected: " + expected + ")",
              ErrorClass::type);
    }
    if (slots_[i])
      in.fail(loc_, fname_ + "() got multiple values for argument '" + name + "'", ErrorClass::type);
    slots_[i] = &v;
  }
  for (size_t i = 0; i < names_.size(); ++i)
    if (!slots_[i] && !optional[i])
      in.fail(loc_, fname_ + "() missing required argument '" + names_[i] + "'", ErrorClass::type);
}

const Value* ArgBinder::get(const std::string& name) const {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return slots_[i];
  throw InternalError(fname_ + ": no parameter '" + name + "'");
}

const Value& ArgBinder::req(const std::string& name) const {
  const Value* v = get(name);
  if (!v) in_.fail(loc_, fname_ + "() missing required argument '" + name + "'", ErrorClass::type);
  return *v;
}

int64_t to_int(Interp& in, const Value& v, const std::string& what, SourceLoc loc) {
  if (v.kind == VKind::Int) return v.i;
  if (v.kind == VKind::Bool) return v.b;
  in.fail(loc, what + " must be an int, not " + type_name(v), ErrorClass::type);
}

double to_float(Interp& in, const Value& v, const std::string& what, SourceLoc loc) {
  if (v.kind == VKind::Float) return v.f;
  if (v.kind == VKind::Int) return v.i;
  if (v.kind == VKind::Bool) return v.b;
  in.fail(loc, what + " must be a number, not " + type_name(v));
}

TensorObj& to_tensor(Interp& in, const Value& v, const std::string& what, SourceLoc loc) {
  if (v.kind != VKind::Tensor) in.fail(loc, what + " must be a tensor, not " + type_name(v));
  return v.as<TensorObj>();
}

DType to_dtype(Interp& in, const Value& v, const std::string& what, SourceLoc loc) {
  if (v.kind == VKind::DType) return v.dtype;
  if (v.kind == VKind::Str) {
    if (auto t = parse_dtype(v.as<StrObj>().s)) return *t;
    in.fail(loc, what + ": unknown dtype '" + v.as<StrObj>().s + "'");
  }
  in.fail(loc, what + " must be a dtype such as nl.float32, not " + type_name(v));
}

std::vector<int64_t> to_shape(Interp& in, const Value& v, const std::string& what, SourceLoc loc) {
  std::vector<int64_t> shape;
  if (v.kind == VKind::Int) {
    shape.push_back(v.i);
  } else if (v.kind == VKind::Tuple || v.kind == VKind::List) {
    for (const auto& d : v.as<SeqObj>().items) shape.push_back(to_int(in, d, what + " entries", loc));
  } else {
    in.fail(loc, what + " must be a tuple of ints, not " + type_name(v));
  }
  if (shape.empty()) in.fail(loc, what + " must have at least one dimension");
  for (int64_t d : shape)
    if (d <= 0)
      in.fail(loc, what + " has a dimension of size " + std::to_string(d) + "; sizes must be positive");
  return shape;
}

}  // namespace nki::lang

// The parts of Python's `math` and of `numpy` that kernels use at compile time: integer and
// float helpers, constants, and NumPy dtypes (equal to the nl dtypes of the same name).
#include <cmath>
#include <numeric>

#include "lang/interp.h"
#include "support/diagnostics.h"

namespace nki::lang {

namespace {

std::vector<Value> sequence(Interp& in, const Value& v, SourceLoc loc, const std::string& fname) {
  if (v.kind == VKind::Tuple || v.kind == VKind::List) return v.as<SeqObj>().items;
  in.fail(loc, fname + "() needs a tuple or list, not " + type_name(v));
}

Value int_result(Interp& in, double x, SourceLoc loc, const std::string& fname) {
  if (!std::isfinite(x) || x < INT32_MIN || x > INT32_MAX)
    in.fail(loc, fname + "(): result does not fit in a 32-bit int");
  return Value::integer(static_cast<int32_t>(x));
}

// prod(iterable): integer product with overflow checks, float if any factor is a float.
Value product(Interp& in, CallArgs& a, const std::string& fname) {
  ArgBinder b(in, a, fname, {"iterable", "start="});
  Value acc = b.has("start") ? *b.get("start") : Value::integer(1);
  for (const auto& v : sequence(in, b.req("iterable"), a.loc, fname)) {
    if (acc.kind == VKind::Float || v.kind == VKind::Float) {
      acc = Value::floating(
          static_cast<float>(to_float(in, acc, fname, a.loc) * to_float(in, v, fname, a.loc)));
    } else {
      int64_t r = to_int(in, acc, fname, a.loc) * to_int(in, v, fname + "() factor", a.loc);
      if (r < INT32_MIN || r > INT32_MAX) in.fail(a.loc, fname + "(): integer overflow");
      acc = Value::integer(static_cast<int32_t>(r));
    }
  }
  return acc;
}

using Unary = double (*)(double);

}  // namespace

std::shared_ptr<ModuleObj> make_math_module() {
  auto m = std::make_shared<ModuleObj>();
  m->name = "math";
  auto& A = m->attrs;
  auto def = [&A](const std::string& name, BuiltinFn fn) {
    A[name] = make_builtin("math." + name, std::move(fn));
  };
  A["pi"] = Value::floating(static_cast<float>(M_PI));
  A["e"] = Value::floating(static_cast<float>(M_E));
  A["inf"] = Value::floating(INFINITY);
  A["nan"] = Value::floating(NAN);
  for (auto [name, fn] :
       {std::pair<const char*, Unary>{"ceil", std::ceil}, {"floor", std::floor}, {"trunc", std::trunc}}) {
    def(name, [name = std::string(name), fn](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "math." + name, {"x"});
      return int_result(in, fn(to_float(in, b.req("x"), "math." + name + "() argument", a.loc)), a.loc,
                        "math." + name);
    });
  }
  for (auto [name, fn] : {std::pair<const char*, Unary>{"sqrt", std::sqrt},
                          {"exp", std::exp},
                          {"log2", std::log2},
                          {"log10", std::log10},
                          {"sin", std::sin},
                          {"cos", std::cos},
                          {"tanh", std::tanh},
                          {"fabs", std::fabs}}) {
    def(name, [name = std::string(name), fn](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "math." + name, {"x"});
      double x = to_float(in, b.req("x"), "math." + name + "() argument", a.loc);
      if ((name == "sqrt" && x < 0) || (name == "log2" && x <= 0) || (name == "log10" && x <= 0))
        in.fail(a.loc, "math." + name + "(): math domain error");
      return Value::floating(static_cast<float>(fn(x)));
    });
  }
  def("log", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "math.log", {"x", "base="});
    double x = to_float(in, b.req("x"), "math.log() argument", a.loc);
    if (x <= 0) in.fail(a.loc, "math.log(): math domain error");
    double r = std::log(x);
    if (b.has("base")) r /= std::log(to_float(in, *b.get("base"), "math.log() base", a.loc));
    return Value::floating(static_cast<float>(r));
  });
  def("pow", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "math.pow", {"x", "y"});
    return Value::floating(static_cast<float>(
        std::pow(to_float(in, b.req("x"), "x", a.loc), to_float(in, b.req("y"), "y", a.loc))));
  });
  def("gcd", [](Interp& in, CallArgs& a) {
    int64_t g = 0;
    for (const auto& v : a.pos) g = std::gcd(g, to_int(in, v, "math.gcd() argument", a.loc));
    return Value::integer(static_cast<int32_t>(g));
  });
  def("isqrt", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "math.isqrt", {"n"});
    int64_t n = to_int(in, b.req("n"), "math.isqrt() argument", a.loc);
    if (n < 0) in.fail(a.loc, "math.isqrt(): argument must be non-negative");
    int64_t r = static_cast<int64_t>(std::sqrt(static_cast<double>(n)));
    while (r * r > n) --r;
    while ((r + 1) * (r + 1) <= n) ++r;
    return Value::integer(static_cast<int32_t>(r));
  });
  def("prod", [](Interp& in, CallArgs& a) { return product(in, a, "math.prod"); });
  def("isclose", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "math.isclose", {"a", "b", "rel_tol=", "abs_tol="});
    double x = to_float(in, b.req("a"), "a", a.loc), y = to_float(in, b.req("b"), "b", a.loc);
    double rel = b.has("rel_tol") ? to_float(in, *b.get("rel_tol"), "rel_tol", a.loc) : 1e-9;
    double abs_tol = b.has("abs_tol") ? to_float(in, *b.get("abs_tol"), "abs_tol", a.loc) : 0.0;
    return Value::boolean(std::fabs(x - y) <= std::max(rel * std::max(std::fabs(x), std::fabs(y)), abs_tol));
  });
  return m;
}

std::shared_ptr<ModuleObj> make_numpy_module() {
  auto m = std::make_shared<ModuleObj>();
  m->name = "numpy";
  auto& A = m->attrs;
  // NumPy's dtypes as kernels use them (dtype= arguments, comparisons with tensor dtypes).
  for (DType t : {DType::float32, DType::float16, DType::int8, DType::int16, DType::int32, DType::uint8,
                  DType::uint16, DType::uint32})
    A[std::string(dtype_name(t))] = Value::of_dtype(t);
  A["bool_"] = Value::of_dtype(DType::bool_);
  A["inf"] = Value::floating(INFINITY);
  A["pi"] = Value::floating(static_cast<float>(M_PI));
  A["prod"] =
      make_builtin("numpy.prod", [](Interp& in, CallArgs& a) { return product(in, a, "numpy.prod"); });
  A["dtype"] = make_builtin("numpy.dtype", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "numpy.dtype", {"dtype"});
    const Value& v = b.req("dtype");
    if (v.kind == VKind::DType) return v;
    if (v.kind == VKind::Str)
      if (auto t = parse_dtype(v.as<StrObj>().s)) return Value::of_dtype(*t);
    in.fail(a.loc, "numpy.dtype(): unknown dtype " + to_repr(v));
  });
  return m;
}

namespace {

// A module of annotation names: annotations are not evaluated, but kernels import these names, so
// each is a plain marker printed as `prefix.name`.
std::shared_ptr<ModuleObj> marker_module(const std::string& name, const std::string& prefix,
                                         std::initializer_list<const char*> names) {
  auto m = std::make_shared<ModuleObj>();
  m->name = name;
  for (const char* n : names) {
    auto o = std::make_shared<ObjectObj>();
    o->type_name = name;
    o->repr = prefix + "." + n;
    m->attrs[n] = Value::heap(VKind::Object, o);
  }
  return m;
}

}  // namespace

std::shared_ptr<ModuleObj> make_typing_module() {
  auto m =
      marker_module("typing", "typing",
                    {"Any", "Callable", "Dict", "List", "Optional", "Sequence", "Tuple", "Union", "Type"});
  m->attrs["TYPE_CHECKING"] = Value::boolean(false);
  return m;
}

std::shared_ptr<ModuleObj> make_nki_typing_module() {
  return marker_module("nki.typing", "nt", {"tensor", "Tensor", "mutable_tensor", "scalar"});
}

}  // namespace nki::lang

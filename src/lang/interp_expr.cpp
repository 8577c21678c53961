// The specializer's expressions: names, constants, operators with Python's semantics on 32-bit
// ints and floats, containers, subscripts, attributes, calls, f-strings and comprehensions.
#include <cmath>

#include "lang/format.h"
#include "lang/interp.h"
#include "support/diagnostics.h"

namespace nki::lang {

Value Interp::lookup(const std::string& name, const Env& env, SourceLoc loc) const {
  for (Scope* s = env.scope.get(); s != nullptr; s = s->parent.get()) {
    auto it = s->vars.find(name);
    if (it != s->vars.end()) return it->second;
    if (s->host)
      if (std::optional<Value> v = s->host->fetch(name, loc))
        return s->vars.emplace(name, std::move(*v)).first->second;
  }
  if (env.module)
    if (const Value* v = env.module->find(name, loc)) return *v;
  auto it = builtins_.find(name);
  if (it != builtins_.end()) return it->second;
  fail(loc, "name '" + name + "' is not defined");
}

namespace {

bool is_intlike(const Value& v) {
  return v.kind == VKind::Int || v.kind == VKind::Bool;
}
int64_t int_of(const Value& v) {
  return v.kind == VKind::Int ? v.i : static_cast<int64_t>(v.b);
}
double float_of(const Value& v) {
  return v.kind == VKind::Float ? static_cast<double>(v.f) : static_cast<double>(int_of(v));
}

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

Value Interp::eval_binop(ast::BinaryOp op, const Value& a, const Value& b, SourceLoc loc) {
  using B = ast::BinaryOp;
  auto checked = [&](int64_t r) {
    if (r < INT32_MIN || r > INT32_MAX)
      fail(loc, "integer overflow: " + std::to_string(r) + " does not fit in a 32-bit int");
    return Value::integer(static_cast<int32_t>(r));
  };
  if (a.is_number() && b.is_number()) {
    if (is_intlike(a) && is_intlike(b)) {
      int64_t x = int_of(a), y = int_of(b);
      switch (op) {
        case B::Add: return checked(x + y);
        case B::Sub: return checked(x - y);
        case B::Mult: return checked(x * y);
        case B::Div:
          if (y == 0) fail(loc, "division by zero");
          return Value::floating(static_cast<float>(static_cast<double>(x) / static_cast<double>(y)));
        case B::FloorDiv:
          if (y == 0) fail(loc, "integer division by zero");
          return checked(floor_div(x, y));
        case B::Mod:
          if (y == 0) fail(loc, "integer modulo by zero");
          return checked(x - floor_div(x, y) * y);
        case B::Pow: {
          if (y < 0) return Value::floating(static_cast<float>(std::pow(double(x), double(y))));
          int64_t r = 1;
          for (int64_t k = 0; k < y; ++k) {
            r *= x;
            if (r < INT32_MIN || r > INT32_MAX) checked(r);
          }
          return checked(r);
        }
        case B::LShift:
          if (y < 0) fail(loc, "negative shift count");
          return checked(y >= 32 ? (x == 0 ? 0 : INT64_MAX) : x << y);
        case B::RShift:
          if (y < 0) fail(loc, "negative shift count");
          return Value::integer(static_cast<int32_t>(x >> std::min<int64_t>(y, 63)));
        case B::BitAnd: return Value::integer(static_cast<int32_t>(x & y));
        case B::BitOr: return Value::integer(static_cast<int32_t>(x | y));
        case B::BitXor: return Value::integer(static_cast<int32_t>(x ^ y));
        case B::MatMult: break;
      }
    } else {
      float x = static_cast<float>(float_of(a)), y = static_cast<float>(float_of(b));
      switch (op) {
        case B::Add: return Value::floating(x + y);
        case B::Sub: return Value::floating(x - y);
        case B::Mult: return Value::floating(x * y);
        case B::Div:
          if (y == 0) fail(loc, "float division by zero");
          return Value::floating(x / y);
        case B::FloorDiv:
          if (y == 0) fail(loc, "float floor division by zero");
          return Value::floating(std::floor(x / y));
        case B::Mod: {
          if (y == 0) fail(loc, "float modulo by zero");
          float r = std::fmod(x, y);
          if (r != 0 && ((r < 0) != (y < 0))) r += y;
          return Value::floating(r);
        }
        case B::Pow: return Value::floating(std::pow(x, y));
        default: break;
      }
    }
  }
  if (op == B::Add && a.kind == VKind::Str && b.kind == VKind::Str) {
    spend(static_cast<int64_t>(a.as<StrObj>().s.size() + b.as<StrObj>().s.size()), loc);
    return Value::str(a.as<StrObj>().s + b.as<StrObj>().s);
  }
  if (op == B::Add && a.kind == b.kind && (a.kind == VKind::List || a.kind == VKind::Tuple)) {
    spend(static_cast<int64_t>(a.as<SeqObj>().items.size() + b.as<SeqObj>().items.size()), loc);
    std::vector<Value> r = a.as<SeqObj>().items;
    const auto& y = b.as<SeqObj>().items;
    r.insert(r.end(), y.begin(), y.end());
    return a.kind == VKind::List ? Value::list(std::move(r)) : Value::tuple(std::move(r));
  }
  if (op == B::Mult && (is_intlike(a) || is_intlike(b))) {
    const Value& seq = is_intlike(a) ? b : a;
    int64_t n = std::max<int64_t>(0, int_of(is_intlike(a) ? a : b));
    if (seq.kind == VKind::Str) spend(n * static_cast<int64_t>(seq.as<StrObj>().s.size()), loc);
    if (seq.kind == VKind::List || seq.kind == VKind::Tuple)
      spend(n * static_cast<int64_t>(seq.as<SeqObj>().items.size()), loc);
    if (seq.kind == VKind::Str) {
      std::string r;
      for (int64_t k = 0; k < n; ++k) r += seq.as<StrObj>().s;
      return Value::str(r);
    }
    if (seq.kind == VKind::List || seq.kind == VKind::Tuple) {
      std::vector<Value> r;
      for (int64_t k = 0; k < n; ++k)
        r.insert(r.end(), seq.as<SeqObj>().items.begin(), seq.as<SeqObj>().items.end());
      return seq.kind == VKind::List ? Value::list(std::move(r)) : Value::tuple(std::move(r));
    }
  }
  if (is_register_value(a) || is_register_value(b))
    fail(loc,
         std::string("operator '") + ast::binary_op_symbol(op) +
             "' on a VirtualRegister: registers hold run-time values, so Python arithmetic on them is not "
             "allowed (compute on tensors and nisa.register_load the result)");
  if (a.kind == VKind::Tensor || b.kind == VKind::Tensor)
    fail(loc, std::string("operator '") + ast::binary_op_symbol(op) +
                  "' on tensors is not supported: tensor contents exist only at run time; "
                  "use an nki.isa instruction (e.g. nisa.tensor_tensor)");
  fail(loc, std::string("unsupported operand types for ") + ast::binary_op_symbol(op) + ": '" + type_name(a) +
                "' and '" + type_name(b) + "'");
}

namespace {

// Python ordering for numbers, strings and sequences; nullopt when the types do not order.
std::optional<int> compare_order(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    double x = float_of(a), y = float_of(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a.kind == VKind::Str && b.kind == VKind::Str) {
    int c = a.as<StrObj>().s.compare(b.as<StrObj>().s);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (a.kind == b.kind && (a.kind == VKind::Tuple || a.kind == VKind::List)) {
    const auto& x = a.as<SeqObj>().items;
    const auto& y = b.as<SeqObj>().items;
    for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
      if (values_equal(x[i], y[i])) continue;
      return compare_order(x[i], y[i]);
    }
    return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
  }
  return std::nullopt;
}

}  // namespace

Value Interp::eval_compare(const ast::Expr& e, Env& env) {
  Value left = eval(*e.a, env);
  for (size_t k = 0; k < e.cmp_ops.size(); ++k) {
    ast::CmpOp op = e.cmp_ops[k];
    const ast::Expr& rhs_expr = *e.elts[k];
    Value right = eval(rhs_expr, env);
    bool r = false;
    switch (op) {
      case ast::CmpOp::Is: r = values_identical(left, right); break;
      case ast::CmpOp::IsNot: r = !values_identical(left, right); break;
      case ast::CmpOp::Eq: r = values_equal(left, right); break;
      case ast::CmpOp::NotEq: r = !values_equal(left, right); break;
      case ast::CmpOp::In:
      case ast::CmpOp::NotIn: {
        bool found = false;
        if (right.kind == VKind::List || right.kind == VKind::Tuple) {
          for (const auto& x : right.as<SeqObj>().items) found = found || values_equal(left, x);
        } else if (right.kind == VKind::Dict) {
          found = right.as<DictObj>().find(dict_key(*this, left, e.loc)) != nullptr;
        } else if (right.kind == VKind::Str && left.kind == VKind::Str) {
          found = right.as<StrObj>().s.find(left.as<StrObj>().s) != std::string::npos;
        } else if (right.kind == VKind::Range && is_intlike(left)) {
          const auto& rg = right.as<RangeObj>();
          int64_t x = int_of(left);
          found = rg.step > 0 ? (x >= rg.start && x < rg.stop) : (x <= rg.start && x > rg.stop);
          found = found && (x - rg.start) % rg.step == 0;
        } else {
          fail(e.loc, "argument of type '" + type_name(right) + "' is not iterable");
        }
        r = op == ast::CmpOp::In ? found : !found;
        break;
      }
      default: {
        auto ord = compare_order(left, right);
        if (!ord) {
          if (left.kind == VKind::Tensor || right.kind == VKind::Tensor)
            fail(e.loc, "comparing tensors is not supported: tensor contents exist only at run time");
          fail(e.loc, std::string("'") + ast::cmp_op_symbol(op) + "' not supported between instances of '" +
                          type_name(left) + "' and '" + type_name(right) + "'");
        }
        int c = *ord;
        r = op == ast::CmpOp::Lt    ? c < 0
            : op == ast::CmpOp::LtE ? c <= 0
            : op == ast::CmpOp::Gt  ? c > 0
                                    : c >= 0;
      }
    }
    if (!r) return Value::boolean(false);
    left = right;
  }
  return Value::boolean(true);
}

Value Interp::eval_call(const ast::Expr& e, Env& env) {
  // Only the outermost call of `x = f(g(...))` names its result after x.
  std::string assigned = std::move(pending_name);
  pending_name.clear();
  Value callee = eval(*e.a, env);
  CallArgs args;
  args.loc = e.loc;
  for (const auto& arg : e.elts) {
    if (arg->kind == ast::ExprKind::Starred) {
      Value seq = eval(*arg->a, env);
      iterate(seq, arg->loc, [&](const Value& v) {
        args.pos.push_back(v);
        return true;
      });
    } else {
      args.pos.push_back(eval(*arg, env));
    }
  }
  for (const auto& kw : e.keywords) {
    Value v = eval(*kw.value, env);
    if (kw.name.empty()) {
      if (v.kind != VKind::Dict) fail(kw.loc, "argument after ** must be a dict, not " + type_name(v));
      for (const auto& [k, x] : v.as<DictObj>().items) {
        if (k.kind != VKind::Str)
          fail(kw.loc, "keywords must be strings, not '" + type_name(k) + "'", ErrorClass::type);
        args.kw.emplace_back(k.as<StrObj>().s, x);
      }
    } else {
      for (const auto& [k, x] : args.kw)
        if (k == kw.name) fail(kw.loc, "keyword argument repeated: " + kw.name);
      args.kw.emplace_back(kw.name, std::move(v));
    }
  }
  // Storages created inside a user function are named after the function's own variables.
  if (callee.kind == VKind::Builtin) pending_name = assigned;
  Value r = call(callee, args);
  pending_name = std::move(assigned);
  return r;
}

Value Interp::eval(const ast::Expr& e, Env& env) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Name: return lookup(e.id, env, e.loc);
    case K::Constant:
      switch (e.const_kind) {
        case ast::ConstKind::None: return Value::none();
        case ast::ConstKind::Bool: return Value::boolean(e.bool_value);
        case ast::ConstKind::Int:
          if (e.int_value < INT32_MIN || e.int_value > INT32_MAX)
            fail(e.loc, "integer literal " + std::to_string(e.int_value) + " does not fit in a 32-bit int");
          return Value::integer(static_cast<int32_t>(e.int_value));
        case ast::ConstKind::Float: return Value::floating(static_cast<float>(e.float_value));
        case ast::ConstKind::Str: return Value::str(e.str_value);
        case ast::ConstKind::Ellipsis: return Value::ellipsis();
      }
      break;
    case K::FString: return eval_fstring(e, env);
    case K::Attribute: return get_attr(eval(*e.a, env), e.id, e.loc);
    case K::Subscript: return eval_subscript(eval(*e.a, env), eval(*e.b, env), e.loc);
    case K::Slice: {
      auto s = std::make_shared<SliceObj>();
      if (e.a) s->start = eval(*e.a, env);
      if (e.b) s->stop = eval(*e.b, env);
      if (e.c) s->step = eval(*e.c, env);
      return Value::heap(VKind::Slice, s);
    }
    case K::Call: return eval_call(e, env);
    case K::BinOp: {
      Value a = eval(*e.a, env);
      Value b = eval(*e.b, env);
      return eval_binop(e.bin_op, a, b, e.loc);
    }
    case K::UnaryOp: {
      Value v = eval(*e.a, env);
      switch (e.unary_op) {
        case ast::UnaryOpKind::Not: return Value::boolean(!truthy(v));
        case ast::UnaryOpKind::Neg:
          if (is_intlike(v)) return eval_binop(ast::BinaryOp::Sub, Value::integer(0), v, e.loc);
          if (v.kind == VKind::Float) return Value::floating(-v.f);
          break;
        case ast::UnaryOpKind::Pos:
          if (is_intlike(v)) return Value::integer(static_cast<int32_t>(int_of(v)));
          if (v.kind == VKind::Float) return v;
          break;
        case ast::UnaryOpKind::Invert:
          if (is_intlike(v)) return Value::integer(static_cast<int32_t>(~int_of(v)));
          break;
      }
      fail(e.loc, "bad operand type for unary operator: '" + type_name(v) + "'");
    }
    case K::BoolOp: {
      Value v;
      for (const auto& x : e.elts) {
        v = eval(*x, env);
        bool t = truthy(v);
        if (e.bool_op == ast::BoolOpKind::And ? !t : t) return v;
      }
      return v;
    }
    case K::Compare: return eval_compare(e, env);
    case K::IfExp: return truthy(eval(*e.a, env)) ? eval(*e.b, env) : eval(*e.c, env);
    case K::Tuple:
    case K::List: {
      std::vector<Value> items;
      for (const auto& x : e.elts) {
        if (x->kind == K::Starred) {
          iterate(eval(*x->a, env), x->loc, [&](const Value& v) {
            items.push_back(v);
            return true;
          });
        } else {
          items.push_back(eval(*x, env));
        }
      }
      return e.kind == K::Tuple ? Value::tuple(std::move(items)) : Value::list(std::move(items));
    }
    case K::Dict: {
      auto d = std::make_shared<DictObj>();
      for (size_t k = 0; k < e.elts.size(); ++k) {
        Value v = eval(*e.elts[k], env);
        if (!e.keys[k]) {
          if (v.kind != VKind::Dict) fail(e.elts[k]->loc, "'" + type_name(v) + "' object is not a mapping");
          for (const auto& [key, x] : v.as<DictObj>().items) d->set(key, x);
          continue;
        }
        Value key = eval(*e.keys[k], env);
        d->set(dict_key(*this, key, e.keys[k]->loc), v);
      }
      return Value::heap(VKind::Dict, d);
    }
    case K::Starred: fail(e.loc, "can't use starred expression here");
    case K::Lambda: return make_function(nullptr, &e, env);
    case K::ListComp:
    case K::DictComp:
    case K::GeneratorExp: return eval_comprehension(e, env);
    case K::FormattedValue: break;
  }
  fail(e.loc, "unsupported expression");
}

Value Interp::eval_fstring(const ast::Expr& e, Env& env) {
  std::string out;
  for (const auto& part : e.elts) {
    if (part->kind == ast::ExprKind::Constant) {
      out += part->str_value;
      continue;
    }
    Value v = eval(*part->a, env);
    std::string spec = part->b ? eval_fstring(*part->b, env).as<StrObj>().s : "";
    if (part->conversion == 'r' || part->conversion == 'a')
      v = Value::str(to_repr(v));
    else if (part->conversion == 's')
      v = Value::str(to_str(v));
    try {
      out += format_value(v, spec);
    } catch (UserError& err) {
      fail(part->loc, err.message());
    }
  }
  return Value::str(out);
}

Value Interp::eval_comprehension(const ast::Expr& e, Env& env) {
  auto scope = std::make_shared<Scope>();
  scope->parent = env.scope;
  Env inner;
  inner.scope = scope;
  inner.module = env.module;
  std::vector<Value> items;
  auto dict = std::make_shared<DictObj>();
  std::function<void(size_t)> run = [&](size_t g) {
    if (g == e.generators.size()) {
      if (e.kind == ast::ExprKind::DictComp) {
        Value k = eval(*e.a, inner);
        spend(static_cast<int64_t>(dict->items.size()), e.loc);  // a linear lookup per entry
        dict->set(dict_key(*this, k, e.a->loc), eval(*e.b, inner));
      } else {
        items.push_back(eval(*e.a, inner));
      }
      return;
    }
    const ast::Comprehension& c = e.generators[g];
    Value it = eval(*c.iter, g == 0 ? env : inner);
    iterate(it, c.iter->loc, [&](const Value& v) {
      assign(*c.target, v, inner);
      for (const auto& cond : c.ifs)
        if (!truthy(eval(*cond, inner))) return true;
      run(g + 1);
      return true;
    });
  };
  run(0);
  if (e.kind == ast::ExprKind::DictComp) return Value::heap(VKind::Dict, dict);
  return Value::list(std::move(items));
}

}  // namespace nki::lang

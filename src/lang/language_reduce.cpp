// nki.language reductions and normalisations (nki-api.md §6.4): sum, max, min, prod, all, mean,
// var as Vector engine tensor_reduce over trailing free axes (plus a division for mean and var),
// softmax as max-subtract / exp-with-sum / reciprocal / scale, rms_norm as sum of squares /
// rsqrt (GpSimd) / scale. Intermediates are float32 tiles. Where the reduction covers every free axis the
// per-partition results are [P,1] tiles that feed the Scalar engine's bias and accumulator
// (one activation computes exp(x - max) and its sum); otherwise broadcast views of the
// keepdims-shaped intermediates feed tensor_tensor.
#include <fmt/format.h>

#include <algorithm>

#include "lang/language_ops.h"
#include "support/diagnostics.h"

namespace nki::lang::nlops {

namespace {

// The reduced axes [first, rank) of nl.<fn>(x, axis=...): an int or a tuple/list of ints,
// negative counted from the end; only free axes (not 0), and only the trailing ones.
int64_t reduce_axes(Interp& in, const ArgBinder& b, const AccessPattern& x, const Value& axis) {
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  std::vector<int64_t> axes;
  std::vector<Value> items = axis.kind == VKind::Tuple || axis.kind == VKind::List ? axis.as<SeqObj>().items
                                                                                   : std::vector<Value>{axis};
  if (items.empty()) in.fail(b.loc(), b.fname() + "(): axis must name at least one axis");
  for (const Value& v : items) {
    int64_t a = to_int(in, v, b.fname() + "() axis", b.loc());
    if (a < -rank || a >= rank)
      in.fail(b.loc(), fmt::format("{}(): axis {} is out of range for a tile of shape {} (rank {})",
                                   b.fname(), a, tuple_str(x), rank));
    if (a < 0) a += rank;
    if (a == 0)
      in.fail(b.loc(),
              fmt::format("{}(): axis 0 is the partition dimension; {} reduces along free dimensions "
                          "(1 to {}); reduce across partitions with nisa.tensor_partition_reduce",
                          b.fname(), b.fname(), rank - 1));
    if (std::find(axes.begin(), axes.end(), a) != axes.end())
      in.fail(b.loc(), fmt::format("{}(): axis {} is given twice", b.fname(), a));
    axes.push_back(a);
  }
  std::sort(axes.begin(), axes.end());
  const int64_t first = rank - static_cast<int64_t>(axes.size());
  for (size_t i = 0; i < axes.size(); ++i)
    if (axes[i] != first + static_cast<int64_t>(i)) {
      std::string given;
      for (size_t j = 0; j < axes.size(); ++j) given += (j ? ", " : "") + std::to_string(axes[j]);
      in.fail(b.loc(),
              fmt::format("{}(): axis=({}) of a tile of shape {} are not the trailing free dimensions; only "
                          "the last contiguous axes can be reduced ({}..{} for this tile)",
                          b.fname(), given, tuple_str(x), rank - 1, rank - 1));
    }
  return first;
}

int64_t group_size(const AccessPattern& x, int64_t first) {
  int64_t n = 1;
  for (size_t d = static_cast<size_t>(first); d < x.dims.size(); ++d) n *= x.dims[d].num;
  return n;
}

// x's shape with the axes [first, rank) set to 1 (keepdims) or removed.
std::vector<int64_t> reduced_shape(const AccessPattern& x, int64_t first, bool keepdims) {
  std::vector<int64_t> s = x.shape();
  if (!keepdims)
    s.resize(static_cast<size_t>(first));
  else
    std::fill(s.begin() + first, s.end(), 1);
  return s;
}

// dst = op over the axes [first, rank) of x (Vector engine tensor_reduce).
Instruction& emit_reduce(Interp& in, SourceLoc loc, const AccessPattern& dst, const AccessPattern& x,
                         const std::string& op, int64_t first, bool negate = false) {
  std::string axis;
  for (int64_t d = first; d < static_cast<int64_t>(x.dims.size()); ++d)
    axis += (axis.empty() ? "" : ",") + std::to_string(d);
  Instruction& inst = emit(in, Opcode::tensor_reduce, loc, {Operand::tensor(dst), Operand::tensor(x)});
  inst.set_attr("op", op);
  inst.set_attr("axis", axis);
  if (negate) inst.set_attr("negate", true);
  return inst;
}

bool keepdims_arg(const ArgBinder& b) {
  return b.has("keepdims") && truthy(*b.get("keepdims"));
}

// sum, max, min, prod, all: one tensor_reduce into the result tile.
Value reduction(Interp& in, CallArgs& a, const std::string& fn, const std::string& op) {
  const bool has_keepdims = fn != "all";
  ArgBinder b(in, a, "nl." + fn,
              has_keepdims ? std::vector<std::string>{"x", "axis", "dtype=", "keepdims="}
                           : std::vector<std::string>{"x", "axis", "dtype="});
  const AccessPattern& x = on_chip_arg(in, b, "x");
  const int64_t first = reduce_axes(in, b, x, b.req("axis"));
  AccessPattern out = new_tile(in, fn, reduced_shape(x, first, has_keepdims && keepdims_arg(b)),
                               dtype_arg(in, b, x.dtype), Buffer::Sbuf, a.loc);
  emit_reduce(in, a.loc, out, x, op, first);
  return tensor_value(out);
}

// mean = sum / n, the sum in float32.
Value mean(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.mean", {"x", "axis", "dtype=", "keepdims="});
  const AccessPattern& x = on_chip_arg(in, b, "x");
  const int64_t first = reduce_axes(in, b, x, b.req("axis"));
  const std::vector<int64_t> shape = reduced_shape(x, first, keepdims_arg(b));
  AccessPattern out = new_tile(in, "mean", shape, dtype_arg(in, b, x.dtype), Buffer::Sbuf, a.loc);
  AccessPattern sum = temp_tile(in, "mean_sum", shape, DType::float32, a.loc);
  emit_reduce(in, a.loc, sum, x, "add", first);
  emit_tensor_scalar(in, a.loc, out, sum, "divide",
                     Operand::immediate(static_cast<double>(group_size(x, first))));
  return tensor_value(out);
}

// var = mean((x - mean(x))^2), population variance, keepdims always (as the NKI library does).
Value var(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.var", {"x", "axis", "dtype=", "keepdims="});
  const AccessPattern& x = on_chip_arg(in, b, "x");
  const int64_t first = reduce_axes(in, b, x, b.req("axis"));
  const std::vector<int64_t> shape = reduced_shape(x, first, true);
  const double n = static_cast<double>(group_size(x, first));
  AccessPattern out = new_tile(in, "var", shape, dtype_arg(in, b, x.dtype), Buffer::Sbuf, a.loc);
  AccessPattern m = temp_tile(in, "var_mean", shape, DType::float32, a.loc);
  AccessPattern d = temp_tile(in, "var_dev", x.shape(), DType::float32, a.loc);
  emit_reduce(in, a.loc, m, x, "add", first);
  emit_tensor_scalar(in, a.loc, m, m, "divide", Operand::immediate(n));
  emit_tensor_tensor(in, a.loc, d, x, broadcast_view(m, x.shape()), "subtract");
  emit_tensor_tensor(in, a.loc, d, d, d, "multiply");
  emit_reduce(in, a.loc, m, d, "add", first);
  emit_tensor_scalar(in, a.loc, out, m, "divide", Operand::immediate(n));
  return tensor_value(out);
}

// softmax = exp(x - max) / sum(exp(x - max)) over the trailing axes.
Value softmax(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.softmax", {"x", "axis=", "dtype="});
  const AccessPattern& x = on_chip_arg(in, b, "x");
  const int64_t first = reduce_axes(in, b, x, b.has("axis") ? *b.get("axis") : Value::integer(-1));
  const std::vector<int64_t> kshape = reduced_shape(x, first, true);
  AccessPattern out = new_tile(in, "softmax", x.shape(), dtype_arg(in, b, x.dtype), Buffer::Sbuf, a.loc);
  AccessPattern negmax = temp_tile(in, "softmax_negmax", kshape, DType::float32, a.loc);
  AccessPattern e = temp_tile(in, "softmax_exp", x.shape(), DType::float32, a.loc);
  AccessPattern sum = temp_tile(in, "softmax_sum", kshape, DType::float32, a.loc);
  emit_reduce(in, a.loc, negmax, x, "maximum", first, /*negate=*/true);
  if (first == 1) {
    // Every free axis: exp(x - max) and its per-partition sum in one Scalar engine instruction.
    Instruction& act = emit_activation(in, a.loc, e, x, "exp", Operand::tensor(negmax));
    act.operands.push_back(Operand::tensor(sum));
    act.set_attr("reduce_op", std::string("add"));
    act.set_attr("reduce_cmd", std::string("reset_reduce"));
    emit(in, Opcode::reciprocal, a.loc, {Operand::tensor(sum), Operand::tensor(sum)});
    emit_tensor_scalar(in, a.loc, out, e, "multiply", Operand::tensor(sum));
  } else {
    emit_tensor_tensor(in, a.loc, e, x, broadcast_view(negmax, x.shape()), "add");
    emit_activation(in, a.loc, e, e, "exp");
    emit_reduce(in, a.loc, sum, e, "add", first);
    emit(in, Opcode::reciprocal, a.loc, {Operand::tensor(sum), Operand::tensor(sum)});
    emit_tensor_tensor(in, a.loc, out, e, broadcast_view(sum, x.shape()), "multiply");
  }
  return tensor_value(out);
}

// rms_norm = x / sqrt(sum(x^2) / n + epsilon) * w.
Value rms_norm(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.rms_norm", {"x", "w", "axis", "n", "epsilon=", "dtype=", "compute_dtype="});
  const AccessPattern& x = on_chip_arg(in, b, "x");
  const AccessPattern& w = on_chip_arg(in, b, "w");
  const int64_t first = reduce_axes(in, b, x, b.req("axis"));
  const double n = to_float(in, b.req("n"), "nl.rms_norm() n", a.loc);
  if (n <= 0) in.fail(a.loc, fmt::format("nl.rms_norm(): n must be positive, got {}", n));
  const double eps =
      b.has("epsilon") ? to_float(in, *b.get("epsilon"), "nl.rms_norm() epsilon", a.loc) : 1e-6;
  if (const Value* cd = b.get("compute_dtype");
      cd && !cd->is_none() && to_dtype(in, *cd, "nl.rms_norm() compute_dtype", a.loc) != DType::float32)
    in.fail(a.loc,
            "nl.rms_norm(): compute_dtype must be nl.float32 (or None); nki computes rms_norm in float32");
  const std::vector<int64_t> shape = x.shape();
  const AccessPattern wv = broadcast_operand(in, a.loc, w, shape, "nl.rms_norm", "w");
  const std::vector<int64_t> kshape = reduced_shape(x, first, true);
  AccessPattern out = new_tile(in, "rms_norm", shape, dtype_arg(in, b, x.dtype), Buffer::Sbuf, a.loc);
  AccessPattern sq = temp_tile(in, "rms_norm_sq", shape, DType::float32, a.loc);
  AccessPattern r = temp_tile(in, "rms_norm_rinv", kshape, DType::float32, a.loc);
  if (first == 1) {
    // Every free axis: square and per-partition sum in one Scalar engine instruction.
    Instruction& act = emit_activation(in, a.loc, sq, x, "square");
    act.operands.push_back(Operand::tensor(r));
    act.set_attr("reduce_op", std::string("add"));
    act.set_attr("reduce_cmd", std::string("reset_reduce"));
  } else {
    emit_tensor_tensor(in, a.loc, sq, x, x, "multiply");
    emit_reduce(in, a.loc, r, sq, "add", first);
  }
  emit_tensor_scalar(in, a.loc, r, r, "divide", Operand::immediate(n), "add", Operand::immediate(eps));
  // rsqrt on GpSimd (as nl.rsqrt does), so the Scalar engine keeps its square table loaded
  // across tiles instead of switching tables twice per call.
  emit_tensor_scalar(in, a.loc, r, r, "rsqrt", Operand::immediate(0.0)).engine = Engine::GpSimd;
  if (first == 1) {
    Instruction& inst =
        emit(in, Opcode::scalar_tensor_tensor, a.loc,
             {Operand::tensor(out), Operand::tensor(x), Operand::tensor(r), Operand::tensor(wv)});
    inst.set_attr("op0", std::string("multiply"));
    inst.set_attr("op1", std::string("multiply"));
  } else {
    emit_tensor_tensor(in, a.loc, sq, x, broadcast_view(r, shape), "multiply");
    emit_tensor_tensor(in, a.loc, out, sq, wv, "multiply");
  }
  return tensor_value(out);
}

}  // namespace

void install_language_reduce(Interp&, std::unordered_map<std::string, Value>& A) {
  auto def = [&A](const std::string& name, BuiltinFn fn) {
    A[name] = make_builtin("nl." + name, std::move(fn));
  };
  for (auto [fn, op] : {std::pair<const char*, const char*>{"sum", "add"},
                        {"max", "maximum"},
                        {"min", "minimum"},
                        {"prod", "multiply"},
                        {"all", "logical_and"}})
    def(fn, [fn = std::string(fn), op = std::string(op)](Interp& in, CallArgs& a) {
      return reduction(in, a, fn, op);
    });
  def("mean", mean);
  def("var", var);
  def("softmax", softmax);
  def("rms_norm", rms_norm);
}

}  // namespace nki::lang::nlops

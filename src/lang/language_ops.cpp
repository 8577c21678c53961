// The nki.language convenience operations (nki-api.md §6): each allocates its result tile and
// expands into nki.isa instructions the way the NKI library does, so the simulator only ever runs
// ISA instructions. Memory: load, store, copy, ones, full, *_like. Element-wise math: binary
// operators as tensor_tensor (two tiles) or tensor_scalar (a number or a [P,1] tile), unary
// functions as Scalar Engine activations. Tensor Engine: matmul, transpose. The helpers shared with
// the other families (language_math.cpp, language_reduce.cpp, language_misc.cpp) are in nlops.
#include "lang/language_ops.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "lang/interp.h"
#include "lang/ops.h"
#include "support/diagnostics.h"

namespace nki::lang {

namespace nlops {

DType dtype_arg(Interp& in, const ArgBinder& b, DType fallback) {
  const Value* v = b.get("dtype");
  return !v || v->is_none() ? fallback : to_dtype(in, *v, b.fname() + "() dtype", b.loc());
}

const AccessPattern& on_chip_arg(Interp& in, const ArgBinder& b, const std::string& name) {
  const AccessPattern& ap = to_tensor(in, b.req(name), b.fname() + "() argument '" + name + "'", b.loc()).ap;
  if (!is_on_chip(ap.storage->buffer))
    in.fail(
        b.loc(),
        fmt::format("{}(): {} is in {}; compute operations read SBUF or PSUM tiles (load it with nl.load)",
                    b.fname(), name, buffer_name(ap.storage->buffer)));
  return ap;
}

AccessPattern new_tile(Interp& in, const std::string& op, const std::vector<int64_t>& shape, DType dtype,
                       Buffer buffer, SourceLoc loc) {
  if (is_on_chip(buffer) && shape[0] > in.arch.num_partitions)
    in.fail(loc,
            fmt::format("nl.{}(): the result would have {} partitions; the maximum is {}", op, shape[0],
                        in.arch.num_partitions),
            ErrorClass::validation);
  std::string name = in.pending_name.empty() ? op : in.pending_name;
  return in.new_tensor(name, buffer, dtype, shape, loc).as<TensorObj>().ap;
}

AccessPattern temp_tile(Interp& in, const std::string& name, const std::vector<int64_t>& shape, DType dtype,
                        SourceLoc loc, Buffer buffer) {
  std::string saved = std::move(in.pending_name);
  in.pending_name.clear();
  AccessPattern t = new_tile(in, name, shape, dtype, buffer, loc);
  in.pending_name = std::move(saved);
  return t;
}

Value tensor_value(const AccessPattern& ap) {
  auto t = std::make_shared<TensorObj>();
  t->ap = ap;
  return Value::heap(VKind::Tensor, t);
}

Instruction& emit(Interp& in, Opcode op, SourceLoc loc, std::vector<Operand> operands) {
  Instruction& inst = in.emit(op, loc);
  inst.operands = std::move(operands);
  return inst;
}

Instruction& emit_tensor_scalar(Interp& in, SourceLoc loc, const AccessPattern& dst,
                                const AccessPattern& data, const std::string& op0, Operand operand0,
                                const std::string& op1, Operand operand1) {
  Instruction& inst =
      emit(in, Opcode::tensor_scalar, loc, {Operand::tensor(dst), Operand::tensor(data), operand0, operand1});
  inst.set_attr("op0", op0);
  if (!op1.empty()) inst.set_attr("op1", op1);
  return inst;
}

Instruction& emit_tensor_tensor(Interp& in, SourceLoc loc, const AccessPattern& dst,
                                const AccessPattern& data1, const AccessPattern& data2,
                                const std::string& op) {
  Instruction& inst = emit(in, Opcode::tensor_tensor, loc,
                           {Operand::tensor(dst), Operand::tensor(data1), Operand::tensor(data2)});
  inst.set_attr("op", op);
  return inst;
}

Instruction& emit_activation(Interp& in, SourceLoc loc, const AccessPattern& dst, const AccessPattern& data,
                             const std::string& fn, Operand bias, double scale) {
  Instruction& inst = emit(in, Opcode::activation, loc,
                           {Operand::tensor(dst), Operand::tensor(data), bias, Operand::immediate(scale)});
  inst.set_attr("op", fn);
  return inst;
}

AccessPattern broadcast_view(const AccessPattern& ap, const std::vector<int64_t>& shape) {
  AccessPattern v = ap;
  for (size_t d = 0; d < shape.size() && d < v.dims.size(); ++d)
    if (v.dims[d].num != shape[d]) v.dims[d] = ApDim{0, shape[d]};
  return v;
}

void fill(Interp& in, const AccessPattern& t, double value, SourceLoc loc) {
  Instruction& inst = emit(in, Opcode::memset, loc, {Operand::tensor(t)});
  // An integer tile takes an integral value exactly; any other value (1.5, 1e30, nan) is rounded
  // and saturated by memset, as every write to an integer dtype is.
  const bool exact = is_integer(t.dtype) && std::nearbyint(value) == value && std::fabs(value) < 9.0e18;
  if (exact)
    inst.set_attr("value", static_cast<int64_t>(value));
  else
    inst.set_attr("value", value);
}

}  // namespace nlops

namespace {
using namespace nlops;  // NOLINT: the operations below are written in this vocabulary

// ones / full: a new on-chip tile filled with a constant.
Value filled(Interp& in, CallArgs& a, const std::string& op, bool has_value, double value) {
  std::vector<std::string> params = {"shape"};
  if (has_value) params.push_back("fill_value");
  for (const char* p : {"dtype", "buffer=", "name="}) params.push_back(p);
  ArgBinder b(in, a, "nl." + op, params);
  auto shape = to_shape(in, b.req("shape"), "nl." + op + "() shape", a.loc);
  if (has_value) value = to_float(in, b.req("fill_value"), "nl.full() fill_value", a.loc);
  DType dtype = dtype_arg(in, b, DType::float32);
  Buffer buffer =
      b.has("buffer") && b.get("buffer")->kind == VKind::Buffer ? b.get("buffer")->buffer : Buffer::Sbuf;
  if (!is_on_chip(buffer))
    in.fail(a.loc, "nl." + op + "(): only sbuf and psum tensors can be initialized by the kernel");
  if (b.has("name") && b.get("name")->kind == VKind::Str && !b.get("name")->as<StrObj>().s.empty())
    in.pending_name = b.get("name")->as<StrObj>().s;
  AccessPattern t = new_tile(in, op, shape, dtype, buffer, a.loc);
  fill(in, t, value, a.loc);
  return tensor_value(t);
}

// zeros_like / ones_like / full_like / empty_like.
Value like(Interp& in, CallArgs& a, const std::string& op, int fill_kind) {
  std::vector<std::string> params = {"x"};
  if (fill_kind == 2) params.push_back("fill_value");
  for (const char* p : {"dtype=", "buffer=", "name="}) params.push_back(p);
  ArgBinder b(in, a, "nl." + op, params);
  const AccessPattern& x = to_tensor(in, b.req("x"), "nl." + op + "() x", a.loc).ap;
  DType dtype = dtype_arg(in, b, x.dtype);
  Buffer buffer =
      b.has("buffer") && b.get("buffer")->kind == VKind::Buffer ? b.get("buffer")->buffer : x.storage->buffer;
  if (b.has("name") && b.get("name")->kind == VKind::Str && !b.get("name")->as<StrObj>().s.empty())
    in.pending_name = b.get("name")->as<StrObj>().s;
  if (fill_kind >= 0 && !is_on_chip(buffer))
    in.fail(a.loc, "nl." + op + "(): only sbuf and psum tensors can be initialized by the kernel");
  AccessPattern t = new_tile(in, op, x.shape(), dtype, buffer, a.loc);
  if (fill_kind >= 0)
    fill(in, t, fill_kind == 2 ? to_float(in, b.req("fill_value"), "fill_value", a.loc) : fill_kind, a.loc);
  return tensor_value(t);
}

// The result dtype of a binary operation without dtype=: the tile's, or with two tiles of
// different dtypes the one of higher precision (a float over an integer, then the wider).
DType promote(DType a, DType b) {
  if (a == b) return a;
  if (is_float(a) != is_float(b)) return is_float(a) ? a : b;
  return dtype_size(a) >= dtype_size(b) ? a : b;
}

// Operator-specific rules of the binary operations, checked where the kernel calls them.
void check_binary_operands(Interp& in, const ArgBinder& b, const std::string& op, const Value& xv,
                           const Value& yv, DType out) {
  const AluKind kind = alu_op_info(*parse_alu_op(op)).kind;
  if (kind == AluKind::Bitvec) {
    for (const auto& [name, v] : {std::pair<const char*, const Value&>{"x", xv}, {"y", yv}}) {
      if (v.kind == VKind::Tensor && !is_integer(v.as<TensorObj>().ap.dtype))
        in.fail(b.loc(),
                fmt::format("nl.{}(): {} is {}; bitwise operations take integer tiles (int8, int16, int32, "
                            "uint8, uint16, uint32) and work on their raw bits",
                            op, name, dtype_name(v.as<TensorObj>().ap.dtype)));
      if (v.kind == VKind::Float)
        in.fail(b.loc(), fmt::format("nl.{}(): {} is the float {}; bitwise operations take integers", op,
                                     name, to_str(v)));
    }
    if (!is_integer(out))
      in.fail(b.loc(),
              fmt::format("nl.{}(): dtype={} is not an integer dtype; bitwise results are raw integer bits",
                          op, dtype_name(out)));
  }
  if (op == "power" && (xv.kind != VKind::Tensor || yv.kind != VKind::Tensor))
    in.fail(b.loc(),
            "nl.power(): x and y must both be tiles of one shape (the GpSimd engine raises a tile to the "
            "power of a tile; a number as base or exponent is not supported)");
  if ((op == "abs_max" || op == "abs_min") && in.arch.nc_version < 4)
    in.fail(b.loc(), fmt::format("nl.{}() needs NeuronCore-v4 (trn3); the target {} does not have it", op,
                                 in.arch.name));
}

// Binary element-wise operators: tensor_tensor for two tiles of one shape, tensor_scalar for a
// number or a float32 [P,1] tile (broadcast along the free dims), and tensor_tensor on broadcast
// reads for other shapes that broadcast to a common one.
Value binary(Interp& in, CallArgs& a, const std::string& op) {
  ArgBinder b(in, a, "nl." + op, {"x", "y", "dtype="});
  const Value& xv = b.req("x");
  const Value& yv = b.req("y");
  if (xv.kind != VKind::Tensor && yv.kind != VKind::Tensor)
    in.fail(a.loc, "nl." + op + "(): at least one of x and y must be a tile");
  if (!is_supported_alu_op(op)) in.fail(a.loc, "nl." + op + "() is not supported yet by nki");
  bool swap = xv.kind != VKind::Tensor;  // scalar op tile: the tile is the data, the scalar operand0
  const AccessPattern& data = on_chip_arg(in, b, swap ? "y" : "x");
  const Value& other = swap ? xv : yv;
  DType fallback = data.dtype;
  if (other.kind == VKind::Tensor) fallback = promote(data.dtype, other.as<TensorObj>().ap.dtype);
  DType dtype = dtype_arg(in, b, fallback);
  check_binary_operands(in, b, op, xv, yv, dtype);
  Operand operand;
  bool scalar = true;
  std::vector<int64_t> shape = data.shape();
  AccessPattern first = data;
  if (other.kind == VKind::Tensor) {
    const AccessPattern& o = on_chip_arg(in, b, "y");  // both tiles: data is x, o is y
    const bool bitvec = alu_op_info(*parse_alu_op(op)).kind == AluKind::Bitvec;
    if (o.shape() == data.shape()) {
      scalar = false;
      operand = Operand::tensor(o);
    } else if (o.num_partitions() == data.num_partitions() && o.elems_per_partition() == 1 &&
               (bitvec || o.dtype == DType::float32)) {
      operand = Operand::tensor(o);  // a [P,1] operand of tensor_scalar (float32 for arithmetic)
    } else {
      // NumPy broadcasting to a common shape: free dims as broadcast reads, the partition dim
      // through the Tensor engine (broadcast_operand).
      const std::vector<int64_t> xs = data.shape(), ys = o.shape();
      bool ok = xs.size() == ys.size();
      for (size_t d = 0; ok && d < xs.size(); ++d) {
        ok = xs[d] == ys[d] || xs[d] == 1 || ys[d] == 1;
        if (ok) shape[d] = std::max(xs[d], ys[d]);
      }
      if (!ok)
        in.fail(a.loc,
                fmt::format("nl.{}(): x has shape {} and y has shape {}; they must match, or broadcast to "
                            "a common shape (same rank, each dimension equal or 1)",
                            op, tuple_str(data), tuple_str(o)));
      scalar = false;
      first = broadcast_operand(in, a.loc, data, shape, "nl." + op, "x");
      operand = Operand::tensor(broadcast_operand(in, a.loc, o, shape, "nl." + op, "y"));
    }
  } else {
    operand = Operand::immediate(to_float(in, other, "nl." + op + "() operand", a.loc));
  }
  AccessPattern out = new_tile(in, op, shape, dtype, Buffer::Sbuf, a.loc);
  if (!scalar) {
    emit_tensor_tensor(in, a.loc, out, first, operand.ap, op);
  } else {
    Instruction& inst = emit_tensor_scalar(in, a.loc, out, data, op, operand);
    if (swap) inst.set_attr("reverse0", true);
  }
  return tensor_value(out);
}

// Unary functions on the Scalar Engine: out = f(x).
Value unary(Interp& in, CallArgs& a, const std::string& fn) {
  ArgBinder b(in, a, "nl." + fn, {"x", "dtype="});
  if (!is_supported_activation(fn)) in.fail(a.loc, "nl." + fn + "() is not supported yet by nki");
  const AccessPattern& x = on_chip_arg(in, b, "x");
  AccessPattern out = new_tile(in, fn, x.shape(), dtype_arg(in, b, x.dtype), Buffer::Sbuf, a.loc);
  Instruction& inst =
      emit(in, Opcode::activation, a.loc,
           {Operand::tensor(out), Operand::tensor(x), Operand::none(), Operand::immediate(1.0)});
  inst.set_attr("op", fn);
  return tensor_value(out);
}

// nl.transpose: the Tensor Engine's transpose into a new PSUM tile.
AccessPattern transpose_into_psum(Interp& in, const AccessPattern& x, DType dtype, const std::string& op,
                                  SourceLoc loc) {
  if (x.dims.size() != 2)
    in.fail(loc, fmt::format("nl.{}(): transposes 2-D tiles, got shape {}", op, tuple_str(x)));
  AccessPattern out = new_tile(in, op, {x.dims[1].num, x.dims[0].num}, dtype, Buffer::Psum, loc);
  emit(in, Opcode::nc_transpose, loc, {Operand::tensor(out), Operand::tensor(x)});
  return out;
}

}  // namespace

void install_language_ops(Interp& in, std::unordered_map<std::string, Value>& A) {
  auto def = [&A](const std::string& name, BuiltinFn fn) {
    A[name] = make_builtin("nl." + name, std::move(fn));
  };

  def("load", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.load", {"src", "dtype="});
    const AccessPattern& src = to_tensor(in, b.req("src"), "nl.load() src", a.loc).ap;
    if (is_on_chip(src.storage->buffer))
      in.fail(a.loc, "nl.load(): src must be an HBM tensor; use nl.copy for on-chip tiles");
    AccessPattern t = new_tile(in, "load", src.shape(), dtype_arg(in, b, src.dtype), Buffer::Sbuf, a.loc);
    emit(in, Opcode::dma_copy, a.loc, {Operand::tensor(t), Operand::tensor(src)});
    return tensor_value(t);
  });
  def("store", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.store", {"dst", "value"});
    const AccessPattern& dst = to_tensor(in, b.req("dst"), "nl.store() dst", a.loc).ap;
    const AccessPattern& v = to_tensor(in, b.req("value"), "nl.store() value", a.loc).ap;
    if (is_on_chip(dst.storage->buffer)) in.fail(a.loc, "nl.store(): dst must be an HBM tensor");
    if (v.storage->buffer == Buffer::Psum)
      in.fail(a.loc, "nl.store(): value is in psum, which DMA cannot read; copy it to SBUF first (nl.copy)",
              ErrorClass::validation);
    emit(in, Opcode::dma_copy, a.loc, {Operand::tensor(dst), Operand::tensor(v)});
    return Value::none();
  });
  def("copy", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.copy", {"x", "dtype="});
    const AccessPattern& x = on_chip_arg(in, b, "x");
    AccessPattern t = new_tile(in, "copy", x.shape(), dtype_arg(in, b, x.dtype), Buffer::Sbuf, a.loc);
    Instruction& inst = emit(in, Opcode::tensor_copy, a.loc, {Operand::tensor(t), Operand::tensor(x)});
    inst.engine = Engine::Vector;  // 0.6.0: a Vector Engine copy, bit-exact when the dtypes match
    return tensor_value(t);
  });
  def("ones", [](Interp& in, CallArgs& a) { return filled(in, a, "ones", false, 1.0); });
  def("full", [](Interp& in, CallArgs& a) { return filled(in, a, "full", true, 0.0); });
  def("zeros_like", [](Interp& in, CallArgs& a) { return like(in, a, "zeros_like", 0); });
  def("ones_like", [](Interp& in, CallArgs& a) { return like(in, a, "ones_like", 1); });
  def("full_like", [](Interp& in, CallArgs& a) { return like(in, a, "full_like", 2); });
  def("empty_like", [](Interp& in, CallArgs& a) { return like(in, a, "empty_like", -1); });

  for (const char* op : {"add",         "subtract",    "multiply",      "maximum",     "minimum",
                         "divide",      "power",       "equal",         "not_equal",   "less",
                         "less_equal",  "greater",     "greater_equal", "logical_and", "logical_or",
                         "logical_xor", "bitwise_and", "bitwise_or",    "bitwise_xor", "left_shift",
                         "right_shift", "abs_max",     "abs_min",       "mod",         "fmod"})
    def(op, [name = std::string(op)](Interp& in, CallArgs& a) { return binary(in, a, name); });
  for (const char* fn : {"exp",
                         "tanh",
                         "relu",
                         "sigmoid",
                         "log",
                         "sqrt",
                         "reciprocal",
                         "square",
                         "abs",
                         "sign",
                         "arctan",
                         "gelu",
                         "gelu_dx",
                         "gelu_apprx_tanh",
                         "gelu_apprx_sigmoid",
                         "gelu_apprx_sigmoid_dx",
                         "silu",
                         "silu_dx",
                         "softplus",
                         "mish",
                         "erf",
                         "erf_dx"})
    def(fn, [name = std::string(fn)](Interp& in, CallArgs& a) { return unary(in, a, name); });
  def("negative", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.negative", {"x", "dtype="});
    const AccessPattern& x = on_chip_arg(in, b, "x");
    AccessPattern out = new_tile(in, "negative", x.shape(), dtype_arg(in, b, x.dtype), Buffer::Sbuf, a.loc);
    Instruction& inst =
        emit(in, Opcode::tensor_scalar, a.loc,
             {Operand::tensor(out), Operand::tensor(x), Operand::immediate(-1.0), Operand::none()});
    inst.set_attr("op0", std::string("multiply"));
    return tensor_value(out);
  });
  def("transpose", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.transpose", {"x", "dtype="});
    const AccessPattern& x = on_chip_arg(in, b, "x");
    return tensor_value(transpose_into_psum(in, x, dtype_arg(in, b, x.dtype), "transpose", a.loc));
  });
  def("matmul", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.matmul", {"x", "y", "transpose_x="});
    const AccessPattern& x = on_chip_arg(in, b, "x");
    const AccessPattern& y = on_chip_arg(in, b, "y");
    bool transposed = b.has("transpose_x") && truthy(*b.get("transpose_x"));
    AccessPattern stationary = x;
    if (!transposed) {
      // x is [M, K]: bring it to [K, M] through the Tensor Engine and back into SBUF.
      std::string saved = in.pending_name;
      in.pending_name = "";
      AccessPattern xt = transpose_into_psum(in, x, x.dtype, "matmul_xT", a.loc);
      stationary = new_tile(in, "matmul_xT", xt.shape(), x.dtype, Buffer::Sbuf, a.loc);
      emit(in, Opcode::tensor_copy, a.loc, {Operand::tensor(stationary), Operand::tensor(xt)});
      in.pending_name = saved;
    }
    if (stationary.dims.size() != 2 || y.dims.size() != 2)
      in.fail(a.loc, fmt::format("nl.matmul(): operands must be 2-D tiles, got {} and {}", tuple_str(x),
                                 tuple_str(y)));
    if (stationary.dims[0].num != y.dims[0].num)
      in.fail(a.loc, fmt::format("nl.matmul(): contraction sizes differ: x{} has K={} and y has K={}",
                                 transposed ? " (transposed)" : "", stationary.dims[0].num, y.dims[0].num));
    AccessPattern out =
        new_tile(in, "matmul", {stationary.dims[1].num, y.dims[1].num}, DType::float32, Buffer::Psum, a.loc);
    Instruction& inst = emit(in, Opcode::nc_matmul, a.loc,
                             {Operand::tensor(out), Operand::tensor(stationary), Operand::tensor(y)});
    inst.set_attr("accumulate", std::string("false"));
    return tensor_value(out);
  });
  install_language_math(in, A);
  install_language_reduce(in, A);
  install_language_misc(in, A);
}

}  // namespace nki::lang

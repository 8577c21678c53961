// nki.language tensor operations beyond arithmetic (nki-api.md §6.1, §6.2, §6.6): where (copy,
// then predicated copy), broadcast_to (free dims as a broadcast read, the partition dim through a
// Tensor engine matmul with a ones row), expand_dims (a view), load_transpose2d (a transposing
// DMA), shared_identity_matrix (iota + compare), dropout (nisa.dropout), device_print (an
// instruction the simulator executes by printing), rand / random_seed (the Vector engine's
// generators), gather_flattened (nc_n_gather) and shared_constant (an initialized shared_hbm tensor).
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "lang/language_ops.h"
#include "support/diagnostics.h"
#include "support/npy.h"

namespace nki::lang::nlops {

namespace {

// A view of the free-dim slice [start, start + size) of a 2-D pattern.
AccessPattern free_slice(AccessPattern ap, int64_t start, int64_t size) {
  ap.offset += start * ap.dims[1].step;
  ap.dims[1].num = size;
  return ap;
}

// x (one partition) on each of `parts` partitions, in `dst` or else a new SBUF tile of x's shape
// otherwise: ones[1, parts]^T @ x[1, F] on the Tensor engine into PSUM (exact: one product per
// element), then copied to SBUF. Integer and fp8 x go through float32 (exact below 2^24).
AccessPattern partition_broadcast(Interp& in, SourceLoc loc, const AccessPattern& x, int64_t parts,
                                  const std::string& fname, const AccessPattern* dst = nullptr) {
  std::vector<int64_t> shape = x.shape();
  shape[0] = parts;
  const bool native = x.dtype == DType::float32 || x.dtype == DType::bfloat16 || x.dtype == DType::float16;
  const DType mm = native ? x.dtype : DType::float32;
  AccessPattern src = x;
  if (!native) {
    src = temp_tile(in, "bcast_src", x.shape(), DType::float32, loc);
    emit(in, Opcode::tensor_copy, loc, {Operand::tensor(src), Operand::tensor(x)});
  }
  AccessPattern ones = temp_tile(in, "bcast_ones", {1, parts}, mm, loc);
  fill(in, ones, 1.0, loc);
  AccessPattern result = dst ? *dst : temp_tile(in, "bcast", shape, x.dtype, loc);
  const int64_t bank = in.arch.psum_bank_bytes / 4;
  const int64_t f = x.elems_per_partition();
  auto matmul = [&](const AccessPattern& moving, const AccessPattern& dst) {
    std::vector<int64_t> ps = moving.shape();
    ps[0] = parts;
    AccessPattern psum = temp_tile(in, "bcast_psum", ps, DType::float32, loc, Buffer::Psum);
    Instruction& mmi = emit(in, Opcode::nc_matmul, loc,
                            {Operand::tensor(psum), Operand::tensor(ones), Operand::tensor(moving)});
    mmi.set_attr("accumulate", std::string("false"));
    emit(in, Opcode::tensor_copy, loc, {Operand::tensor(dst), Operand::tensor(psum)});
  };
  if (f <= bank) {
    matmul(src, result);
  } else if (x.dims.size() == 2) {
    for (int64_t j = 0; j < f; j += bank) {
      const int64_t n = std::min(bank, f - j);
      matmul(free_slice(src, j, n), free_slice(result, j, n));
    }
  } else {
    in.fail(loc, fmt::format(
                     "{}(): broadcasting a {}-D tile of {} elements per partition across partitions is not "
                     "supported (at most {} elements, or a 2-D tile)",
                     fname, x.dims.size(), f, bank));
  }
  return result;
}

std::string quoted_text(const std::string& s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

}  // namespace

AccessPattern broadcast_operand(Interp& in, SourceLoc loc, const AccessPattern& x,
                                const std::vector<int64_t>& shape, const std::string& fname,
                                const std::string& arg) {
  const std::vector<int64_t> xs = x.shape();
  bool ok = xs.size() == shape.size();
  for (size_t d = 0; ok && d < xs.size(); ++d) ok = xs[d] == shape[d] || xs[d] == 1;
  if (!ok)
    in.fail(loc,
            fmt::format("{}(): {} has shape {}, which cannot be broadcast to {} (same rank; each dimension "
                        "equal or 1)",
                        fname, arg, tuple_str(xs), tuple_str(shape)));
  AccessPattern src = x;
  if (xs[0] != shape[0]) src = partition_broadcast(in, loc, x, shape[0], fname);
  return broadcast_view(src, shape);
}

namespace {

Value nl_where(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.where", {"condition", "x", "y", "dtype="});
  const AccessPattern& cond = on_chip_arg(in, b, "condition");
  const std::vector<int64_t> shape = cond.shape();
  const Value& xv = b.req("x");
  const Value& yv = b.req("y");
  for (const auto& [name, v] : {std::pair<const char*, const Value&>{"x", xv}, {"y", yv}}) {
    if (v.kind == VKind::Tensor) {
      const AccessPattern& t = on_chip_arg(in, b, name);
      if (t.shape() != shape)
        in.fail(a.loc, fmt::format("nl.where(): condition has shape {} but {} has shape {}; they must match",
                                   tuple_str(shape), name, tuple_str(t)));
    } else if (!v.is_number()) {
      in.fail(a.loc, fmt::format("nl.where(): {} must be a tile or a number, not {}", name, type_name(v)));
    }
  }
  DType fallback = xv.kind == VKind::Tensor   ? xv.as<TensorObj>().ap.dtype
                   : yv.kind == VKind::Tensor ? yv.as<TensorObj>().ap.dtype
                                              : DType::float32;
  const DType dtype = dtype_arg(in, b, fallback);
  // The predicate: an unsigned integer tile, 1 where condition != 0.
  AccessPattern pred = cond;
  if (cond.dtype != DType::uint8 && cond.dtype != DType::uint16 && cond.dtype != DType::uint32) {
    pred = temp_tile(in, "where_pred", shape, DType::uint8, a.loc);
    emit_tensor_scalar(in, a.loc, pred, cond, "not_equal", Operand::immediate(0.0));
  }
  AccessPattern out = new_tile(in, "where", shape, dtype, Buffer::Sbuf, a.loc);
  if (yv.kind == VKind::Tensor)
    emit(in, Opcode::tensor_copy, a.loc, {Operand::tensor(out), Operand::tensor(yv.as<TensorObj>().ap)});
  else
    fill(in, out, to_float(in, yv, "nl.where() y", a.loc), a.loc);
  Operand src;
  if (xv.kind == VKind::Tensor) {
    AccessPattern x = xv.as<TensorObj>().ap;
    if (x.dtype != dtype) {
      AccessPattern conv = temp_tile(in, "where_x", shape, dtype, a.loc);
      emit(in, Opcode::tensor_copy, a.loc, {Operand::tensor(conv), Operand::tensor(x)});
      x = conv;
    }
    src = Operand::tensor(x);
  } else {
    src = Operand::immediate(to_float(in, xv, "nl.where() x", a.loc));
  }
  emit(in, Opcode::tensor_copy_predicated, a.loc, {Operand::tensor(out), src, Operand::tensor(pred)});
  return tensor_value(out);
}

Value nl_broadcast_to(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.broadcast_to", {"x", "shape", "dtype="});
  const AccessPattern& x = on_chip_arg(in, b, "x");
  const std::vector<int64_t> shape = to_shape(in, b.req("shape"), "nl.broadcast_to() shape", a.loc);
  const std::vector<int64_t> xs = x.shape();
  const bool only_partitions = xs.size() == shape.size() && xs[0] == 1 && shape[0] != 1 &&
                               std::equal(xs.begin() + 1, xs.end(), shape.begin() + 1);
  if (only_partitions) {  // the matmul's copy out of PSUM writes the result directly
    AccessPattern out = new_tile(in, "broadcast_to", shape, dtype_arg(in, b, x.dtype), Buffer::Sbuf, a.loc);
    partition_broadcast(in, a.loc, x, shape[0], "nl.broadcast_to", &out);
    return tensor_value(out);
  }
  AccessPattern src = broadcast_operand(in, a.loc, x, shape, "nl.broadcast_to", "x");
  AccessPattern out = new_tile(in, "broadcast_to", shape, dtype_arg(in, b, x.dtype), Buffer::Sbuf, a.loc);
  emit(in, Opcode::tensor_copy, a.loc, {Operand::tensor(out), Operand::tensor(src)});
  return tensor_value(out);
}

Value nl_expand_dims(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.expand_dims", {"x", "axis"});
  const AccessPattern& x = to_tensor(in, b.req("x"), "nl.expand_dims() x", a.loc).ap;
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  int64_t axis = to_int(in, b.req("axis"), "nl.expand_dims() axis", a.loc);
  if (axis < -rank - 1 || axis > rank)
    in.fail(a.loc,
            fmt::format("nl.expand_dims(): axis {} is out of range for a result of rank {}", axis, rank + 1));
  if (axis < 0) axis += rank + 1;
  if (axis == 0 && is_on_chip(x.storage->buffer))
    in.fail(a.loc,
            "nl.expand_dims(): axis 0 of an on-chip tile is its partition dimension, which cannot move; "
            "insert the new axis at 1 or later");
  AccessPattern v = x;
  v.dims.insert(v.dims.begin() + axis, ApDim{1, 1});
  return tensor_value(v);
}

Value nl_load_transpose2d(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.load_transpose2d", {"src", "dtype="});
  const AccessPattern& src = to_tensor(in, b.req("src"), "nl.load_transpose2d() src", a.loc).ap;
  if (is_on_chip(src.storage->buffer))
    in.fail(a.loc,
            "nl.load_transpose2d(): src must be an HBM tensor; transpose on-chip tiles with nl.transpose");
  if (src.dims.size() != 2)
    in.fail(a.loc, fmt::format("nl.load_transpose2d(): src must be 2-D, got shape {}", tuple_str(src)));
  AccessPattern t = src;
  std::swap(t.dims[0], t.dims[1]);
  AccessPattern out =
      new_tile(in, "load_transpose2d", t.shape(), dtype_arg(in, b, src.dtype), Buffer::Sbuf, a.loc);
  emit(in, Opcode::dma_copy, a.loc, {Operand::tensor(out), Operand::tensor(t)});
  return tensor_value(out);
}

// An identity matrix in SBUF: iota gives p - j (int32), equal(p - j, 0) gives 1 on the diagonal.
Value nl_shared_identity_matrix(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.shared_identity_matrix", {"n", "dtype=", "dst="});
  const int64_t n = to_int(in, b.req("n"), "nl.shared_identity_matrix() n", a.loc);
  if (n < 1 || n > in.arch.num_partitions)
    in.fail(a.loc,
            fmt::format("nl.shared_identity_matrix(): n is {}; it must be 1 to {} (one row per partition)", n,
                        in.arch.num_partitions));
  AccessPattern out;
  if (const Value* d = b.get("dst"); d && !d->is_none()) {
    out = to_tensor(in, *d, "nl.shared_identity_matrix() dst", a.loc).ap;
    if (out.storage->buffer != Buffer::Sbuf || out.shape() != std::vector<int64_t>{n, n})
      in.fail(a.loc,
              fmt::format("nl.shared_identity_matrix(): dst must be an sbuf tile of shape {}, got {} {}",
                          tuple_str({n, n}), buffer_name(out.storage->buffer), tuple_str(out)));
  } else {
    out = new_tile(in, "identity", {n, n}, dtype_arg(in, b, DType::uint8), Buffer::Sbuf, a.loc);
  }
  AccessPattern diff = temp_tile(in, "identity_iota", {n, n}, DType::int32, a.loc);
  Instruction& iota = emit(in, Opcode::iota, a.loc, {Operand::tensor(diff)});
  iota.set_attr("pattern", fmt::format("[[-1,{}]]", n));
  iota.set_attr("offset", int64_t{0});
  iota.set_attr("channel_multiplier", int64_t{1});
  emit_tensor_scalar(in, a.loc, out, diff, "equal", Operand::immediate(0.0));
  return tensor_value(out);
}

Value nl_device_print(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.device_print", {"print_prefix", "tensor"});
  const Value& p = b.req("print_prefix");
  if (p.kind != VKind::Str)
    in.fail(a.loc, "nl.device_print(): print_prefix must be a constant string, not " + type_name(p));
  const AccessPattern& t = to_tensor(in, b.req("tensor"), "nl.device_print() tensor", a.loc).ap;
  if (t.storage->buffer == Buffer::Psum)
    in.fail(a.loc,
            "nl.device_print(): tensor is in psum; device_print reads SBUF or HBM tensors "
            "(copy it to SBUF first with nl.copy)");
  Instruction& inst = emit(in, Opcode::device_print, a.loc, {Operand::tensor(t)});
  inst.set_attr("prefix", quoted_text(p.as<StrObj>().s));
  return Value::none();
}

// dropout: the Vector engine's nisa.dropout (zeroes with probability rate; no rescaling, as
// documented), on x converted to the result dtype first when dtype= differs.
Value nl_dropout(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.dropout", {"x", "rate", "dtype="});
  const AccessPattern& x = on_chip_arg(in, b, "x");
  const Value& rate = b.req("rate");
  Operand prob;
  if (rate.kind == VKind::Tensor) {
    const AccessPattern& r = on_chip_arg(in, b, "rate");
    if (r.num_partitions() != x.num_partitions() || r.elems_per_partition() != 1)
      in.fail(a.loc, fmt::format("nl.dropout(): rate has shape {}; it must be a number or a [{}, 1] tile",
                                 tuple_str(r), x.num_partitions()));
    prob = Operand::tensor(r);
  } else {
    const double p = to_float(in, rate, "nl.dropout() rate", a.loc);
    if (p < 0 || p > 1) in.fail(a.loc, fmt::format("nl.dropout(): rate is {}; it must be in [0, 1]", p));
    prob = Operand::immediate(p);
  }
  AccessPattern out = new_tile(in, "dropout", x.shape(), dtype_arg(in, b, x.dtype), Buffer::Sbuf, a.loc);
  AccessPattern data = x;
  if (x.dtype != out.dtype) {
    data = temp_tile(in, "dropout_x", x.shape(), out.dtype, a.loc);
    emit(in, Opcode::tensor_copy, a.loc, {Operand::tensor(data), Operand::tensor(x)});
  }
  emit(in, Opcode::dropout, a.loc, {Operand::tensor(out), Operand::tensor(data), prob});
  return tensor_value(out);
}

// rand: uniform [0, 1) from the Vector engine's generators. NeuronCore-v4 has nisa.rand2
// (min 0, max 1); earlier generations draw 32 random bits with nisa.rng and keep the top 24,
// scaled by 2^-24 — the same mapping rand2 uses, so a seed gives the same numbers on every target.
Value nl_rand(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.rand", {"shape", "dtype=", "buffer=", "name="});
  const std::vector<int64_t> shape = to_shape(in, b.req("shape"), "nl.rand() shape", a.loc);
  const DType dtype = dtype_arg(in, b, DType::float32);
  const Value* bv = b.get("buffer");
  Buffer buffer = Buffer::Sbuf;
  if (bv && !bv->is_none()) {
    if (bv->kind != VKind::Buffer)
      in.fail(a.loc, "nl.rand(): buffer must be nl.sbuf or nl.psum, not " + type_name(*bv));
    buffer = bv->buffer;
  }
  if (!is_on_chip(buffer))
    in.fail(a.loc,
            fmt::format("nl.rand(): buffer is {}; random tiles are generated on chip (nl.sbuf or nl.psum)",
                        buffer_name(buffer)));
  if (const Value* n = b.get("name"); n && n->kind == VKind::Str && !n->as<StrObj>().s.empty())
    in.pending_name = n->as<StrObj>().s;
  AccessPattern out = new_tile(in, "rand", shape, dtype, buffer, a.loc);
  if (in.arch.nc_version >= 4) {
    Instruction& r = emit(in, Opcode::rand2, a.loc,
                          {Operand::tensor(out), Operand::immediate(0.0), Operand::immediate(1.0)});
    r.engine = Engine::Vector;
    return tensor_value(out);
  }
  AccessPattern bits = temp_tile(in, "rand_bits", shape, DType::uint32, a.loc);
  emit(in, Opcode::rng, a.loc, {Operand::tensor(bits)}).engine = Engine::Vector;
  emit_tensor_scalar(in, a.loc, bits, bits, "right_shift", Operand::immediate(8.0));
  emit_tensor_scalar(in, a.loc, out, bits, "multiply", Operand::immediate(1.0 / 16777216.0));
  return tensor_value(out);
}

// random_seed: nisa.set_rng_seed, which reseeds every lane of the Vector engine (the engine
// nl.rand draws from) from one 32-bit value held in a [1,1] on-chip tensor.
Value nl_random_seed(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.random_seed", {"seed"});
  const Value& sv = b.req("seed");
  if (sv.kind != VKind::Tensor)
    in.fail(a.loc,
            "nl.random_seed(): seed must be a [1,1] sbuf or psum tensor holding a 32-bit value "
            "(e.g. nl.full((1, 1), 42, dtype=nl.int32)), not " +
                type_name(sv));
  const AccessPattern& seed = sv.as<TensorObj>().ap;
  if (!is_on_chip(seed.storage->buffer) || seed.num_elements() != 1 || dtype_size(seed.dtype) != 4)
    in.fail(a.loc,
            fmt::format("nl.random_seed(): seed must be a [1,1] sbuf or psum tensor of a 32-bit dtype, "
                        "got {} {} in {}",
                        dtype_name(seed.dtype), tuple_str(seed), buffer_name(seed.storage->buffer)));
  emit(in, Opcode::set_rng_seed, a.loc, {Operand::tensor(seed)}).engine = Engine::Vector;
  return Value::none();
}

// gather_flattened: out[p, ...] = data[p].flatten()[indices[p, ...]] with nisa.nc_n_gather
// (GpSimd, SBUF only: PSUM operands are copied to SBUF first), then a copy when dtype= differs.
Value nl_gather_flattened(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.gather_flattened", {"data", "indices", "axis=", "dtype="});
  AccessPattern data = on_chip_arg(in, b, "data");
  AccessPattern idx = on_chip_arg(in, b, "indices");
  if (const Value* ax = b.get("axis"); ax && !ax->is_none()) {
    const int64_t axis = to_int(in, *ax, "nl.gather_flattened() axis", a.loc);
    if (axis != 0)
      in.fail(a.loc,
              fmt::format("nl.gather_flattened(): axis is {}; only axis=0 is supported (each partition "
                          "gathers from its own flattened free dimensions)",
                          axis));
  }
  for (const auto& [name, t] : {std::pair<const char*, const AccessPattern&>{"data", data}, {"indices", idx}})
    if (t.dims.size() < 2 || t.dims.size() > 4)
      in.fail(a.loc, fmt::format("nl.gather_flattened(): {} has shape {}; it must be 2-, 3- or 4-dimensional",
                                 name, tuple_str(t)));
  if (idx.dtype != DType::uint32)
    in.fail(a.loc,
            fmt::format("nl.gather_flattened(): indices must be uint32, not {}", dtype_name(idx.dtype)));
  if (idx.num_partitions() != data.num_partitions())
    in.fail(a.loc, fmt::format("nl.gather_flattened(): data has shape {} and indices {}; their partition "
                               "dimensions must match",
                               tuple_str(data), tuple_str(idx)));
  auto to_sbuf = [&](AccessPattern& t, const char* name) {
    if (t.storage->buffer == Buffer::Sbuf) return;
    AccessPattern c = temp_tile(in, name, t.shape(), t.dtype, a.loc);
    emit(in, Opcode::tensor_copy, a.loc, {Operand::tensor(c), Operand::tensor(t)});
    t = c;
  };
  to_sbuf(data, "gather_data");
  to_sbuf(idx, "gather_indices");
  const DType dtype = dtype_arg(in, b, data.dtype);
  AccessPattern out = new_tile(in, "gather_flattened", idx.shape(), dtype, Buffer::Sbuf, a.loc);
  AccessPattern gathered =
      dtype == data.dtype ? out : temp_tile(in, "gathered", idx.shape(), data.dtype, a.loc);
  emit(in, Opcode::nc_n_gather, a.loc,
       {Operand::tensor(gathered), Operand::tensor(data), Operand::tensor(idx)});
  if (dtype != data.dtype)
    emit(in, Opcode::tensor_copy, a.loc, {Operand::tensor(out), Operand::tensor(gathered)});
  return tensor_value(out);
}

// shared_constant: a shared_hbm tensor holding an .npy file's array, read at compile time
// (a relative path from the kernel file's folder) and embedded in the kernel: the simulator
// fills the tensor with it when it comes into existence.
Value nl_shared_constant(Interp& in, CallArgs& a) {
  ArgBinder b(in, a, "nl.shared_constant", {"constant"});
  const Value& c = b.req("constant");
  if (c.kind != VKind::Str)
    in.fail(a.loc, "nl.shared_constant(): constant must be the path of an .npy file (a string), not " +
                       type_name(c) + "; nki does not take NumPy arrays as compile-time values");
  namespace fs = std::filesystem;
  fs::path path = c.as<StrObj>().s;
  if (path.is_relative() && a.loc.file) path = fs::path(a.loc.file->path()).parent_path() / path;
  HostArray arr;
  try {
    arr = read_npy(path.string());
  } catch (const UserError& e) {
    in.fail(a.loc, std::string("nl.shared_constant(): ") + e.what());
  }
  if (arr.shape.empty())
    in.fail(a.loc,
            fmt::format("nl.shared_constant(): {} holds a 0-d array; a constant tensor needs at least one "
                        "dimension",
                        path.string()));
  AccessPattern t = new_tile(in, "shared_constant", arr.shape, arr.dtype, Buffer::SharedHbm, a.loc);
  Storage& s = *in.kernel.storages.at(static_cast<size_t>(t.storage->id));
  s.constant = std::make_shared<const std::vector<uint8_t>>(std::move(arr.data));
  s.constant_source = c.as<StrObj>().s;
  return tensor_value(t);
}

// The builtins above by their Python name.
const std::pair<const char*, Value (*)(Interp&, CallArgs&)> kLanguageMisc[] = {
    {"where", nl_where},
    {"broadcast_to", nl_broadcast_to},
    {"expand_dims", nl_expand_dims},
    {"load_transpose2d", nl_load_transpose2d},
    {"shared_identity_matrix", nl_shared_identity_matrix},
    {"device_print", nl_device_print},
    {"dropout", nl_dropout},
    {"rand", nl_rand},
    {"random_seed", nl_random_seed},
    {"gather_flattened", nl_gather_flattened},
    {"shared_constant", nl_shared_constant},
};

}  // namespace

void install_language_misc(Interp&, std::unordered_map<std::string, Value>& A) {
  auto def = [&A](const std::string& name, BuiltinFn fn) {
    A[name] = make_builtin("nl." + name, std::move(fn));
  };
  for (const auto& [name, fn] : kLanguageMisc) def(name, fn);

  // Legacy (neuronxcc.nki) index helpers: the current NKI has none; iota builds index tiles.
  for (const char* fn : {"arange", "mgrid"})
    def(fn, [fn = std::string(fn)](Interp& in, CallArgs& a) -> Value {
      in.fail(a.loc,
              fmt::format("nl.{}() belongs to the legacy neuronxcc.nki API, which nki does not accept; build "
                          "index tiles with nisa.iota",
                          fn));
    });
}

}  // namespace nki::lang::nlops

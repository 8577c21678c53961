// Tensor views: indexing with ints, slices, `...` and nl.ds (nki-api.md §4.2), and the metadata
// attributes of a tensor. A view is an access pattern over the same storage; no instruction is
// emitted.
#include <fmt/format.h>

#include "lang/interp.h"
#include "lang/tensor_methods.h"
#include "support/diagnostics.h"

namespace nki::lang {

namespace {

std::string tensor_label(const TensorObj& t) {
  return "tensor '" + t.ap.storage->name + "'";
}

}  // namespace

Value index_tensor(Interp& in, const TensorObj& t, const Value& key, SourceLoc loc) {
  const AccessPattern& src = t.ap;
  if (src.dynamic)
    in.fail(
        loc,
        "cannot index a dynamically addressed tensor (scalar_offset/vector_offset): give the whole access "
        "pattern in its .ap(...)");
  const size_t rank = src.dims.size();
  std::vector<Value> keys = key.kind == VKind::Tuple ? key.as<SeqObj>().items : std::vector<Value>{key};
  // Expand a single `...` to as many full slices as needed.
  size_t ellipses = 0;
  for (const auto& k : keys) ellipses += k.kind == VKind::Ellipsis;
  if (ellipses > 1) in.fail(loc, "an index can only have a single ellipsis ('...')");
  if (keys.size() - ellipses > rank)
    in.fail(loc, fmt::format("too many indices for {}: it has {} dimension{} but {} were indexed",
                             tensor_label(t), rank, rank == 1 ? "" : "s", keys.size() - ellipses));
  std::vector<Value> full;
  for (const auto& k : keys) {
    if (k.kind == VKind::Ellipsis) {
      for (size_t n = 0; n < rank - (keys.size() - 1); ++n)
        full.push_back(Value::heap(VKind::Slice, std::make_shared<SliceObj>()));
    } else {
      full.push_back(k);
    }
  }
  while (full.size() < rank) full.push_back(Value::heap(VKind::Slice, std::make_shared<SliceObj>()));

  const bool on_chip = is_on_chip(src.storage->buffer);
  AccessPattern out = src;
  out.dims.clear();
  std::vector<bool> dropped;  // for each source dim: indexed by an int
  // A runtime start (a VirtualRegister index or nl.ds(reg, size)) on one dimension: its register,
  // the dimension, the index's size and the dimension's step (the stride per unit of the register).
  int64_t dyn_reg = -1, dyn_dim = -1, dyn_size = 0, dyn_step = 0;
  auto dynamic_start = [&](const Value& reg, size_t d, int64_t size) {
    if (dyn_dim >= 0)
      in.fail(loc, fmt::format("only one dimension of an index can have a runtime (VirtualRegister) start; "
                               "dimensions {} and {} both do",
                               dyn_dim, d));
    if (size > src.dims[d].num)
      in.fail(loc, fmt::format("nl.ds(register, {}) is larger than dimension {} of {} (size {})", size, d,
                               tensor_label(t), src.dims[d].num));
    dyn_reg = reg.as<ObjectObj>().attrs.at("id").i;
    dyn_dim = static_cast<int64_t>(d);
    dyn_size = size;
    dyn_step = src.dims[d].step;
  };
  for (size_t d = 0; d < rank; ++d) {
    const ApDim& dim = src.dims[d];
    const Value& k = full[d];
    if (Interp::is_register_value(k)) {  // t[reg]: element `reg` of this dim, known at run time
      dynamic_start(k, d, 1);
      out.dims.push_back(ApDim{dim.step, 1});
      dropped.push_back(true);
      continue;
    }
    if (k.kind == VKind::Slice && !k.as<SliceObj>().size.is_none()) {  // nl.ds(reg, size)
      const int64_t size = k.as<SliceObj>().size.i;
      dynamic_start(k.as<SliceObj>().start, d, size);
      out.dims.push_back(ApDim{dim.step, size});
      dropped.push_back(false);
      continue;
    }
    if (k.kind == VKind::Slice && Interp::is_register_value(k.as<SliceObj>().start))
      in.fail(loc, fmt::format("a slice with a VirtualRegister start needs a compile-time size: write "
                               "nl.ds(register, size) (dimension {})",
                               d));
    if (k.kind == VKind::Int || k.kind == VKind::Bool) {
      int64_t i = k.kind == VKind::Int ? k.i : k.b;
      if (i < -dim.num || i >= dim.num)
        in.fail(loc, fmt::format("index {} is out of bounds for dimension {} of {} (size {})", i, d,
                                 tensor_label(t), dim.num));
      if (i < 0) i += dim.num;
      out.offset += i * dim.step;
      out.dims.push_back(ApDim{dim.step, 1});
      dropped.push_back(true);
      continue;
    }
    if (k.kind != VKind::Slice)
      in.fail(loc, fmt::format("tensor indices must be ints, slices, '...' or nl.ds(start, size), not {} "
                               "(dimension {})",
                               type_name(k), d));
    const SliceObj& s = k.as<SliceObj>();
    int64_t step = s.step.is_none() ? 1 : to_int(in, s.step, "slice step", loc);
    if (step < 1) in.fail(loc, fmt::format("slice step must be positive, got {} (dimension {})", step, d));
    int64_t start = s.start.is_none() ? 0 : to_int(in, s.start, "slice start", loc);
    int64_t stop = s.stop.is_none() ? dim.num : to_int(in, s.stop, "slice stop", loc);
    if (start < 0 && !s.start.is_none()) start += dim.num;
    if (stop < 0 && !s.stop.is_none()) stop += dim.num;
    if (start < 0 || stop > dim.num || start >= stop)
      in.fail(loc, fmt::format("slice {}:{} is out of bounds for dimension {} of {} (size {})", start, stop,
                               d, tensor_label(t), dim.num));
    int64_t num = (stop - start + step - 1) / step;
    out.offset += start * dim.step;
    out.dims.push_back(ApDim{dim.step * step, num});
    dropped.push_back(false);
  }
  // Integer-indexed dims disappear, except the partition dim of an on-chip tensor, and a result
  // never has fewer dims than 2 on chip (the last free dim stays, size 1) or 1 in HBM.
  std::vector<ApDim> kept;
  size_t min_rank = on_chip ? std::min<size_t>(2, rank) : 1;
  size_t last_dropped_free = rank;
  for (size_t d = 0; d < rank; ++d) {
    if (!dropped[d] || (on_chip && d == 0))
      kept.push_back(out.dims[d]);
    else
      last_dropped_free = d;
  }
  if (kept.size() < min_rank && last_dropped_free < rank) kept.push_back(out.dims[last_dropped_free]);
  out.dims = std::move(kept);
  if (dyn_dim >= 0) {
    // The register moves the whole view by reg * step elements; at run time it must stay within
    // [0, size of the dimension - the index's size] (machine.cpp reports a located error). The
    // indirect dim is the tensor dimension with that step (on chip, any free dim keeps the
    // offset inside each partition's row).
    auto dyn = std::make_shared<DynamicOffset>();
    dyn->reg = dyn_reg;
    dyn->stride = dyn_step;
    dyn->max_index = src.dims[dyn_dim].num - dyn_size;
    dyn->dim_size = src.dims[dyn_dim].num;
    dyn->view_dim = dyn_dim;
    const Storage& base = *src.storage;
    int64_t bytes = dtype_size(base.dtype);
    dyn->indirect_dim = on_chip && dyn_dim > 0 ? 1 : 0;
    for (int64_t k = static_cast<int64_t>(base.shape.size()) - 1; k >= 0; --k) {
      if (bytes == dyn_step * dtype_size(src.dtype)) {
        dyn->indirect_dim = k;
        break;
      }
      bytes *= base.shape[k];
    }
    if (on_chip && dyn_dim > 0 && dyn->indirect_dim == 0) dyn->indirect_dim = 1;
    out.dynamic = std::move(dyn);
  }
  auto r = std::make_shared<TensorObj>();
  r->ap = std::move(out);
  return Value::heap(VKind::Tensor, r);
}

Value tensor_attribute(Interp& in, const Value& tv, const std::string& attr, SourceLoc loc) {
  const AccessPattern& ap = tv.as<TensorObj>().ap;
  if (attr == "shape") {
    std::vector<Value> dims;
    for (const auto& d : ap.dims) dims.push_back(Value::integer(static_cast<int32_t>(d.num)));
    return Value::tuple(std::move(dims));
  }
  if (attr == "dtype") return Value::of_dtype(ap.dtype);
  if (attr == "buffer") return Value::of_buffer(ap.storage->buffer);
  if (attr == "ndim") return Value::integer(static_cast<int32_t>(ap.dims.size()));
  if (attr == "size") return Value::integer(static_cast<int32_t>(ap.num_elements()));
  if (attr == "itemsize") return Value::integer(dtype_size(ap.dtype));
  if (attr == "name") return Value::str(ap.storage->name);
  if (attr == "offset") return Value::integer(static_cast<int32_t>(ap.offset));
  if (attr == "strides") {
    std::vector<Value> s;
    for (const auto& d : ap.dims) s.push_back(Value::integer(static_cast<int32_t>(d.step)));
    return Value::tuple(std::move(s));
  }
  return tensor_method(in, tv, attr, loc);
}

}  // namespace nki::lang

// NkiTensor view methods (nki-api.md §4.2): reshape, slice, select, permute, broadcast,
// broadcast_to, expand_dim, squeeze_dim, reshape_dim, flatten_dims, rearrange, view(dtype), ap,
// get_pattern, is_contiguous. Every method returns a new view of the same storage; none emits an
// instruction. On-chip tensors keep dimension 0 as the partition dimension.
#include "lang/tensor_methods.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "lang/interp.h"
#include "support/diagnostics.h"
#include "support/shape.h"

namespace nki::lang {

namespace {

struct View {
  Interp& in;
  const AccessPattern& ap;
  SourceLoc loc;
  std::string method;

  bool on_chip() const { return is_on_chip(ap.storage->buffer); }
  int64_t rank() const { return static_cast<int64_t>(ap.dims.size()); }
  [[noreturn]] void fail(const std::string& msg) const { in.fail(loc, method + "(): " + msg); }

  // A dimension index (negative counts from the end), checked against the rank.
  int64_t dim(const Value& v, int64_t r) const {
    int64_t d = to_int(in, v, method + "() dim", loc);
    if (d < 0) d += r;
    if (d < 0 || d >= r) fail(fmt::format("dim {} is out of range for a tensor of rank {}", to_str(v), r));
    return d;
  }
  void not_partition(int64_t d, const char* what) const {
    if (on_chip() && d == 0)
      fail(fmt::format("cannot {} dimension 0, the partition dimension of an on-chip tensor", what));
  }
  Value make(AccessPattern out) const {
    if (out.dims.size() > 5)
      fail(fmt::format("a view has at most 5 dimensions, this one would have {}", out.dims.size()));
    auto t = std::make_shared<TensorObj>();
    t->ap = std::move(out);
    return Value::heap(VKind::Tensor, t);
  }
  std::vector<int64_t> shape_arg(const Value& v) const {
    std::vector<int64_t> s;
    if (v.kind != VKind::Tuple && v.kind != VKind::List)
      fail("shape must be a tuple of ints, not " + type_name(v));
    for (const auto& x : v.as<SeqObj>().items) s.push_back(to_int(in, x, method + "() shape entry", loc));
    return s;
  }
};

int64_t product(const std::vector<int64_t>& v) {
  return std::accumulate(v.begin(), v.end(), int64_t{1}, std::multiplies<>());
}

// Dims for `shape` over the same elements as `dims` without moving data, or false when the
// layout does not allow it (numpy's no-copy reshape: groups of old dims that are contiguous with
// each other map onto groups of new dims of the same size).
bool reshape_dims(const std::vector<ApDim>& dims, const std::vector<int64_t>& shape,
                  std::vector<ApDim>& out) {
  std::vector<ApDim> old;
  for (const auto& d : dims)
    if (d.num != 1) old.push_back(d);
  out.assign(shape.size(), ApDim{0, 1});
  size_t oi = 0, ni = 0;
  while (oi < old.size() || ni < shape.size()) {
    if (ni < shape.size() && shape[ni] == 1) {
      out[ni] = ApDim{1, 1};
      ++ni;
      continue;
    }
    if (oi >= old.size() || ni >= shape.size()) return false;
    size_t oj = oi + 1, nj = ni + 1;
    int64_t op = old[oi].num, np = shape[ni];
    while (op != np) {
      if (op < np) {
        if (oj >= old.size()) return false;
        op *= old[oj++].num;
      } else {
        if (nj >= shape.size()) return false;
        np *= shape[nj++];
      }
    }
    for (size_t k = oi; k + 1 < oj; ++k)
      if (old[k].step != old[k + 1].step * old[k + 1].num) return false;  // the group must be contiguous
    int64_t step = old[oj - 1].step;
    for (size_t k = nj; k-- > ni;) {
      out[k] = ApDim{step, shape[k]};
      step *= shape[k];
    }
    oi = oj;
    ni = nj;
  }
  return true;
}

Value reshape(const View& v, std::vector<int64_t> shape) {
  int64_t unknown = -1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      if (unknown >= 0) v.fail("only one dimension can be -1");
      unknown = static_cast<int64_t>(i);
    } else if (shape[i] <= 0) {
      v.fail(fmt::format("dimension sizes must be positive, got {}", shape[i]));
    }
  }
  int64_t total = v.ap.num_elements();
  if (unknown >= 0) {
    int64_t rest = 1;
    for (size_t i = 0; i < shape.size(); ++i)
      if (static_cast<int64_t>(i) != unknown) rest *= shape[i];
    if (rest == 0 || total % rest)
      v.fail(fmt::format("cannot infer the -1 dimension: {} elements do not divide by {}", total, rest));
    shape[unknown] = total / rest;
  }
  if (shape.empty() || product(shape) != total)
    v.fail(fmt::format("cannot reshape {} elements into {} elements", total,
                       shape.empty() ? 0 : product(shape)));
  AccessPattern out = v.ap;
  if (v.on_chip()) {
    if (shape[0] != v.ap.dims[0].num)
      v.fail(fmt::format("the partition dimension of an on-chip tensor cannot change ({} -> {})",
                         v.ap.dims[0].num, shape[0]));
    std::vector<ApDim> free;
    std::vector<ApDim> src(v.ap.dims.begin() + 1, v.ap.dims.end());
    if (!reshape_dims(src, std::vector<int64_t>(shape.begin() + 1, shape.end()), free))
      v.fail("the view's free dimensions are not laid out so that they can be reshaped without a copy");
    out.dims = {v.ap.dims[0]};
    out.dims.insert(out.dims.end(), free.begin(), free.end());
  } else if (!reshape_dims(v.ap.dims, shape, out.dims)) {
    v.fail("the view is not laid out so that it can be reshaped without a copy");
  }
  return v.make(out);
}

Value permute(const View& v, const Value& order) {
  if (order.kind != VKind::Tuple && order.kind != VKind::List)
    v.fail("dims must be a tuple of dimension indices");
  const auto& items = order.as<SeqObj>().items;
  if (static_cast<int64_t>(items.size()) != v.rank())
    v.fail(fmt::format("expected {} dims, got {}", v.rank(), items.size()));
  std::vector<bool> seen(v.rank(), false);
  AccessPattern out = v.ap;
  for (size_t i = 0; i < items.size(); ++i) {
    int64_t d = v.dim(items[i], v.rank());
    if (seen[d]) v.fail("dims must be a permutation (each dimension once)");
    seen[d] = true;
    out.dims[i] = v.ap.dims[d];
  }
  if (v.on_chip() && !(out.dims[0] == v.ap.dims[0]))
    v.fail("dims[0] must be 0: the partition dimension stays first on chip");
  return v.make(out);
}

Value broadcast(const View& v, int64_t d, int64_t size) {
  v.not_partition(d, "broadcast");
  if (v.ap.dims[d].num != 1)
    v.fail(fmt::format("dimension {} has size {}; only a size-1 dimension can be broadcast", d,
                       v.ap.dims[d].num));
  if (size <= 0) v.fail(fmt::format("size must be positive, got {}", size));
  AccessPattern out = v.ap;
  out.dims[d] = ApDim{0, size};
  return v.make(out);
}

Value view_dtype(const View& v, DType t) {
  const int from = dtype_size(v.ap.dtype), to = dtype_size(t);
  AccessPattern out = v.ap;
  out.dtype = t;
  if (from == to) return v.make(out);
  ApDim& last = out.dims.back();
  if (last.step != 1) v.fail("the last dimension must be contiguous to reinterpret the dtype");
  auto scale = [&](int64_t x, const char* what) {
    if ((x * from) % to)
      v.fail(fmt::format("the {} ({} bytes) is not a multiple of {}'s size", what, x * from, dtype_name(t)));
    return x * from / to;
  };
  out.offset = scale(v.ap.offset, "offset");
  for (size_t i = 0; i + 1 < out.dims.size(); ++i) out.dims[i].step = scale(out.dims[i].step, "stride");
  last.num = scale(last.num, "last dimension");
  return v.make(out);
}

// The scalar_offset= / vector_offset= / indirect_dim= arguments of ap() (nki-api.md §4.6), or
// null. scalar_offset is a VirtualRegister or a one-element SBUF tensor; vector_offset a [P,1]
// SBUF tensor of row numbers into an HBM tensor, P = the pattern's leading count.
std::shared_ptr<const DynamicOffset> dynamic_offset(const View& v, const ArgBinder& b,
                                                    const AccessPattern& out) {
  const Value* so = b.get("scalar_offset");
  const Value* vo = b.get("vector_offset");
  const bool has_s = so && !so->is_none(), has_v = vo && !vo->is_none();
  const Value* di = b.get("indirect_dim");
  if (!has_s && !has_v) {
    if (di && !di->is_none()) v.fail("indirect_dim= needs a scalar_offset= or a vector_offset=");
    return nullptr;
  }
  if (has_s && has_v) v.fail("scalar_offset and vector_offset are mutually exclusive");
  auto d = std::make_shared<DynamicOffset>();
  d->vector = has_v;
  const Storage& base = *v.ap.storage;
  const int64_t rank = static_cast<int64_t>(base.shape.size());
  d->indirect_dim = di && !di->is_none() ? to_int(v.in, *di, "ap() indirect_dim", v.loc) : 0;
  if (d->indirect_dim < 0 || d->indirect_dim >= rank)
    v.fail(
        fmt::format("indirect_dim {} is out of range for '{}' of rank {}", d->indirect_dim, base.name, rank));
  if (has_v && d->indirect_dim != 0)
    v.fail(fmt::format("vector_offset supports only indirect_dim=0, got {}", d->indirect_dim));
  if (has_v && !is_hbm(base.buffer))
    v.fail(fmt::format("vector_offset indexes rows of an HBM tensor; '{}' is in {}", base.name,
                       buffer_name(base.buffer)));
  int64_t bytes = dtype_size(base.dtype);
  for (int64_t k = d->indirect_dim + 1; k < rank; ++k) bytes *= base.shape[k];
  if (bytes % dtype_size(out.dtype) != 0)
    v.fail(fmt::format("a step of dimension {} of '{}' is not a whole number of {} elements", d->indirect_dim,
                       base.name, dtype_name(out.dtype)));
  d->stride = bytes / dtype_size(out.dtype);
  const Value& x = has_s ? *so : *vo;
  const char* arg = has_s ? "scalar_offset" : "vector_offset";
  if (has_s && Interp::is_register_value(x)) {
    d->reg = x.as<ObjectObj>().attrs.at("id").i;
    return d;
  }
  if (x.kind != VKind::Tensor)
    v.fail(fmt::format("{} must be {}, not {}", arg,
                       has_s ? "a VirtualRegister or a [1,1] SBUF tensor" : "a [P,1] SBUF tensor",
                       type_name(x)));
  d->index = x.as<TensorObj>().ap;
  const AccessPattern& idx = d->index;
  if (idx.dynamic) v.fail(fmt::format("{} cannot itself be dynamically addressed", arg));
  if (idx.storage->buffer != Buffer::Sbuf)
    v.fail(fmt::format("{} '{}' must be in sbuf, not {}", arg, idx.storage->name,
                       buffer_name(idx.storage->buffer)));
  if (!is_integer(idx.dtype) || dtype_size(idx.dtype) != 4)
    v.fail(fmt::format("{} '{}' must be int32 or uint32, not {}", arg, idx.storage->name,
                       dtype_name(idx.dtype)));
  if (has_s && idx.num_elements() != 1)
    v.fail(fmt::format("scalar_offset '{}' must hold one element, it is {}", idx.storage->name,
                       shape_str(idx.shape())));
  // [P,1]: one row per leading index; [P,C] (dma_transpose's gather): read column by column and
  // at least as many as the leading count. The instructions check their own forms.
  if (has_v && (idx.elems_per_partition() == 1 ? idx.num_partitions() != out.dims[0].num
                                               : idx.num_elements() < out.dims[0].num))
    v.fail(
        fmt::format("vector_offset '{}' must be [{},1] (one row number per index of the pattern's leading "
                    "dimension), it is {}",
                    idx.storage->name, out.dims[0].num, shape_str(idx.shape())));
  return d;
}

// ap(pattern, offset, ..., dtype): a raw pattern over the whole storage, checked against its bounds.
Value raw_ap(const View& v, const ArgBinder& b) {
  const Value& pat = b.req("pattern");
  if (pat.kind != VKind::List && pat.kind != VKind::Tuple)
    v.fail("pattern must be a list of [step, num] pairs");
  AccessPattern out;
  out.storage = v.ap.storage;
  out.dtype = v.ap.dtype;
  if (b.has("dtype") && !b.get("dtype")->is_none()) {
    if (b.get("dtype")->kind != VKind::DType) v.fail("dtype must be a dtype such as nl.bfloat16");
    out.dtype = b.get("dtype")->dtype;
  }
  for (const auto& p : pat.as<SeqObj>().items) {
    if ((p.kind != VKind::List && p.kind != VKind::Tuple) || p.as<SeqObj>().items.size() != 2)
      v.fail("each pattern entry must be a [step, num] pair, got " + to_repr(p));
    int64_t step = to_int(v.in, p.as<SeqObj>().items[0], "ap() step", v.loc);
    int64_t num = to_int(v.in, p.as<SeqObj>().items[1], "ap() num", v.loc);
    if (num <= 0) v.fail(fmt::format("pattern counts must be positive, got {}", num));
    out.dims.push_back(ApDim{step, num});
  }
  if (out.dims.empty()) v.fail("pattern must have at least one [step, num] pair");
  out.offset = b.has("offset") && !b.get("offset")->is_none()
                   ? to_int(v.in, *b.get("offset"), "ap() offset", v.loc)
                   : v.ap.offset;
  out.dynamic = dynamic_offset(v, b, out);
  const int64_t total = v.ap.storage->total_bytes() / dtype_size(out.dtype);
  int64_t lo = out.offset, hi = out.offset;
  // A vector_offset replaces the leading dim's step by the per-partition row: check the rest.
  for (size_t k = out.dynamic && out.dynamic->vector ? 1 : 0; k < out.dims.size(); ++k)
    (out.dims[k].step >= 0 ? hi : lo) += out.dims[k].step * (out.dims[k].num - 1);
  if (lo < 0 || hi >= total)
    v.fail(fmt::format("the pattern reaches elements {}..{} of '{}', which has {} elements of {}", lo, hi,
                       v.ap.storage->name, total, dtype_name(out.dtype)));
  if (is_on_chip(v.ap.storage->buffer)) {
    int64_t f = out.free_elems_per_partition();
    if (out.dims[0].step != f && out.dims[0].num > 1)
      v.fail(fmt::format(
          "the first pair is the partition dimension: its step must be {} (the elements per partition of "
          "'{}'), got {}",
          f, v.ap.storage->name, out.dims[0].step));
    out.dims[0].step = f;
  }
  return v.make(out);
}

// einops-style patterns: a tuple whose entries are names or tuples of names (a group).
std::vector<std::vector<std::string>> parse_pattern(const View& v, const Value& p) {
  if (p.kind != VKind::Tuple && p.kind != VKind::List)
    v.fail("patterns are tuples of names or of tuples of names");
  std::vector<std::vector<std::string>> groups;
  for (const auto& e : p.as<SeqObj>().items) {
    std::vector<std::string> g;
    if (e.kind == VKind::Str)
      g.push_back(e.as<StrObj>().s);
    else if (e.kind == VKind::Tuple || e.kind == VKind::List)
      for (const auto& n : e.as<SeqObj>().items) {
        if (n.kind != VKind::Str) v.fail("pattern names must be strings, got " + to_repr(n));
        g.push_back(n.as<StrObj>().s);
      }
    else
      v.fail("pattern entries must be names or tuples of names, got " + to_repr(e));
    groups.push_back(std::move(g));
  }
  return groups;
}

Value rearrange(const View& v, const ArgBinder& b) {
  auto src = parse_pattern(v, b.req("src_pattern"));
  auto dst = parse_pattern(v, b.req("dst_pattern"));
  if (static_cast<int64_t>(src.size()) != v.rank())
    v.fail(fmt::format("src_pattern has {} entries but the tensor has rank {}", src.size(), v.rank()));
  std::unordered_map<std::string, int64_t> sizes;
  if (b.has("fixed_sizes") && !b.get("fixed_sizes")->is_none()) {
    if (b.get("fixed_sizes")->kind != VKind::Dict) v.fail("fixed_sizes must be a dict of name: size");
    for (const auto& [k, x] : b.get("fixed_sizes")->as<DictObj>().items) {
      if (k.kind != VKind::Str) v.fail("fixed_sizes must be a dict of name: size");
      sizes[k.as<StrObj>().s] = to_int(v.in, x, "fixed size", v.loc);
    }
  }
  // Split every source group into its named dims.
  std::vector<std::string> names;
  std::vector<int64_t> split_shape;
  for (size_t i = 0; i < src.size(); ++i) {
    int64_t known = 1, unknown = -1;
    for (size_t k = 0; k < src[i].size(); ++k) {
      auto it = sizes.find(src[i][k]);
      if (it != sizes.end())
        known *= it->second;
      else if (unknown >= 0)
        v.fail("group " + to_repr(b.req("src_pattern").as<SeqObj>().items[i]) +
               " needs fixed_sizes for all but one name");
      else
        unknown = static_cast<int64_t>(k);
    }
    for (size_t k = 0; k < src[i].size(); ++k) {
      int64_t s = sizes.count(src[i][k]) ? sizes[src[i][k]] : v.ap.dims[i].num / known;
      if (static_cast<int64_t>(k) == unknown) sizes[src[i][k]] = s;
      names.push_back(src[i][k]);
      split_shape.push_back(s);
    }
    if (unknown < 0 && known != v.ap.dims[i].num)
      v.fail(
          fmt::format("dimension {} has size {} but its group multiplies to {}", i, v.ap.dims[i].num, known));
  }
  AccessPattern split = v.ap;
  if (!reshape_dims(v.ap.dims, split_shape, split.dims))
    v.fail("the source groups cannot be split without a copy");
  std::vector<ApDim> out_dims;
  for (const auto& g : dst) {
    std::vector<ApDim> group;
    for (const auto& n : g) {
      auto it = std::find(names.begin(), names.end(), n);
      if (it == names.end()) v.fail("'" + n + "' appears in dst_pattern but not in src_pattern");
      group.push_back(split.dims[it - names.begin()]);
    }
    std::vector<ApDim> merged;
    int64_t n = 1;
    for (const auto& d : group) n *= d.num;
    if (!reshape_dims(group, {n}, merged))
      v.fail("a destination group is not contiguous and cannot be merged without a copy");
    out_dims.push_back(merged[0]);
  }
  AccessPattern out = v.ap;
  out.dims = out_dims;
  if (v.on_chip() && !(out.dims[0] == v.ap.dims[0]))
    v.fail("the partition dimension must stay first and whole on chip");
  return v.make(out);
}

}  // namespace

Value tensor_method(Interp& in, const Value& self, const std::string& name, SourceLoc at) {
  auto fn = [name, self](Interp& in, CallArgs& a) -> Value {
    const AccessPattern& ap = self.as<TensorObj>().ap;
    View v{in, ap, a.loc, name};
    // A runtime offset is defined over the pattern it was given with; a view would change what
    // its index rows mean. A new .ap(...) replaces the whole access, offsets included.
    if (ap.dynamic && name != "ap" && name != "get_pattern" && name != "is_contiguous")
      v.fail(
          "the tensor is dynamically addressed (scalar_offset/vector_offset); views of it are not supported: "
          "give the whole access pattern in its .ap(...)");
    if (name == "reshape") {
      if (a.pos.size() > 1 && a.kw.empty()) {
        std::vector<int64_t> s;
        for (const auto& x : a.pos) s.push_back(to_int(in, x, "reshape() size", a.loc));
        return reshape(v, s);
      }
      ArgBinder b(in, a, "reshape", {"shape"});
      return reshape(v, v.shape_arg(b.req("shape")));
    }
    if (name == "slice") {
      ArgBinder b(in, a, "slice", {"dim", "start", "end", "step="});
      int64_t d = v.dim(b.req("dim"), v.rank());
      int64_t start = to_int(in, b.req("start"), "slice() start", a.loc),
              end = to_int(in, b.req("end"), "slice() end", a.loc);
      int64_t step = b.has("step") ? to_int(in, *b.get("step"), "slice() step", a.loc) : 1;
      if (!(0 <= start && start < end && end <= ap.dims[d].num) || step < 1)
        v.fail(fmt::format("slice {}:{}:{} is out of bounds for dimension {} (size {})", start, end, step, d,
                           ap.dims[d].num));
      AccessPattern out = ap;
      out.offset += start * ap.dims[d].step;
      out.dims[d] = ApDim{ap.dims[d].step * step, (end - start + step - 1) / step};
      return v.make(out);
    }
    if (name == "select") {
      ArgBinder b(in, a, "select", {"dim", "index"});
      int64_t d = v.dim(b.req("dim"), v.rank());
      if (b.req("index").kind == VKind::Tensor)
        v.fail("selecting with a tensor index (runtime select) is not supported yet by nki");
      v.not_partition(d, "select");
      int64_t i = to_int(in, b.req("index"), "select() index", a.loc);
      if (i < 0 || i >= ap.dims[d].num)
        v.fail(fmt::format("index {} is out of bounds for dimension {} (size {})", i, d, ap.dims[d].num));
      if (v.rank() == 1) v.fail("cannot select the only dimension");
      AccessPattern out = ap;
      out.offset += i * ap.dims[d].step;
      out.dims.erase(out.dims.begin() + d);
      return v.make(out);
    }
    if (name == "permute") {
      ArgBinder b(in, a, "permute", {"dims"});
      return permute(v, b.req("dims"));
    }
    if (name == "broadcast") {
      ArgBinder b(in, a, "broadcast", {"dim", "size"});
      return broadcast(v, v.dim(b.req("dim"), v.rank()),
                       to_int(in, b.req("size"), "broadcast() size", a.loc));
    }
    if (name == "broadcast_to") {
      ArgBinder b(in, a, "broadcast_to", {"shape"});
      auto shape = v.shape_arg(b.req("shape"));
      if (static_cast<int64_t>(shape.size()) != v.rank())
        v.fail(fmt::format("shape must have the tensor's rank {}, got {}", v.rank(), shape.size()));
      AccessPattern out = ap;
      for (size_t d = 0; d < shape.size(); ++d) {
        if (shape[d] == ap.dims[d].num) continue;
        out = broadcast(View{in, out, a.loc, name}, d, shape[d]).as<TensorObj>().ap;
      }
      return v.make(out);
    }
    if (name == "expand_dim") {
      ArgBinder b(in, a, "expand_dim", {"dim"});
      int64_t d = v.dim(b.req("dim"), v.rank() + 1);
      v.not_partition(d, "insert a dimension before");
      AccessPattern out = ap;
      out.dims.insert(out.dims.begin() + d, ApDim{1, 1});
      return v.make(out);
    }
    if (name == "squeeze_dim") {
      ArgBinder b(in, a, "squeeze_dim", {"dim"});
      int64_t d = v.dim(b.req("dim"), v.rank());
      v.not_partition(d, "squeeze");
      if (ap.dims[d].num != 1)
        v.fail(fmt::format("dimension {} has size {}; only a size-1 dimension can be squeezed", d,
                           ap.dims[d].num));
      AccessPattern out = ap;
      out.dims.erase(out.dims.begin() + d);
      return v.make(out);
    }
    if (name == "reshape_dim") {
      ArgBinder b(in, a, "reshape_dim", {"dim", "shape"});
      int64_t d = v.dim(b.req("dim"), v.rank());
      auto shape = v.shape_arg(b.req("shape"));
      std::vector<int64_t> full;
      for (int64_t k = 0; k < v.rank(); ++k) {
        if (k != d) {
          full.push_back(ap.dims[k].num);
          continue;
        }
        int64_t known = 1, unknown = -1;
        for (size_t i = 0; i < shape.size(); ++i) {
          if (shape[i] == -1)
            unknown = static_cast<int64_t>(i);
          else
            known *= shape[i];
        }
        if (unknown >= 0) shape[unknown] = ap.dims[d].num / std::max<int64_t>(known, 1);
        if (product(shape) != ap.dims[d].num)
          v.fail(fmt::format("dimension {} has size {}, which {} does not split", d, ap.dims[d].num,
                             to_str(b.req("shape"))));
        if (v.on_chip() && d == 0 && shape.size() != 1)
          v.fail("cannot split dimension 0, the partition dimension of an on-chip tensor");
        full.insert(full.end(), shape.begin(), shape.end());
      }
      return reshape(v, full);
    }
    if (name == "flatten_dims") {
      ArgBinder b(in, a, "flatten_dims", {"start", "end"});
      int64_t s = v.dim(b.req("start"), v.rank()), e = v.dim(b.req("end"), v.rank());
      if (s > e) v.fail(fmt::format("start {} is after end {}", s, e));
      if (v.on_chip() && s == 0 && e > 0)
        v.fail("cannot merge dimension 0, the partition dimension of an on-chip tensor");
      std::vector<int64_t> full;
      for (int64_t k = 0; k < v.rank(); ++k) {
        if (k <= s || k > e)
          full.push_back(ap.dims[k].num);
        else
          full.back() *= ap.dims[k].num;
      }
      return reshape(v, full);
    }
    if (name == "rearrange") {
      ArgBinder b(in, a, "rearrange", {"src_pattern", "dst_pattern", "fixed_sizes="});
      return rearrange(v, b);
    }
    if (name == "view" || name == "reinterpret_cast") {
      ArgBinder b(in, a, name, {"dtype"});
      if (b.req("dtype").kind != VKind::DType) v.fail("dtype must be a dtype such as nl.bfloat16");
      return view_dtype(v, b.req("dtype").dtype);
    }
    if (name == "ap") {
      ArgBinder b(in, a, "ap",
                  {"pattern", "offset=", "scalar_offset=", "vector_offset=", "indirect_dim=", "dtype="});
      return raw_ap(v, b);
    }
    if (name == "get_pattern") {
      ArgBinder b(in, a, "get_pattern", {});
      std::vector<Value> pairs;
      for (const auto& d : ap.dims)
        pairs.push_back(Value::list(
            {Value::integer(static_cast<int32_t>(d.step)), Value::integer(static_cast<int32_t>(d.num))}));
      return Value::list(std::move(pairs));
    }
    if (name == "is_contiguous") {
      ArgBinder b(in, a, "is_contiguous", {});
      AccessPattern free = ap;
      if (v.on_chip()) free.dims.erase(free.dims.begin());  // the partition dim does not count on chip
      return Value::boolean(free.dims.empty() || free.is_contiguous());
    }
    throw InternalError("tensor method " + name);
  };
  static const std::vector<std::string> methods = {
      "reshape",          "slice",       "select",      "permute",      "broadcast", "broadcast_to",
      "expand_dim",       "squeeze_dim", "reshape_dim", "flatten_dims", "rearrange", "view",
      "reinterpret_cast", "ap",          "get_pattern", "is_contiguous"};
  if (std::find(methods.begin(), methods.end(), name) == methods.end())
    in.fail(at, "'NkiTensor' object has no attribute '" + name + "'");
  auto b = std::make_shared<BuiltinObj>();
  b->name = "NkiTensor." + name;
  b->fn = fn;
  b->self = self;
  return Value::heap(VKind::Builtin, b);
}

}  // namespace nki::lang

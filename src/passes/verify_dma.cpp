// The DMA instructions' rules (nki-api.md §7.8): descriptor generation modes per target
// (dge_mode, the hardware DGE's trigger engine, no casting on the hardware DGE), and the rules of
// dynamically addressed operands (§4.6): vector_offset only on DMA instructions, and a dynamic
// DMA needs run-time descriptor generation.
#include "passes/verify_checker.h"

namespace nki::verifier {

void Checker::check_dynamic(size_t i) const {
  const Operand& o = operand(i);
  if (!o.is_tensor() || !o.ap.dynamic) return;
  if (o.ap.dynamic->vector && inst.engine != Engine::Dma)
    fail(fmt::format("{} {}: vector_offset (indirect gather/scatter) is only for DMA instructions", role(i),
                     name_of(o)));
}

// dma_copy and dma_compute gather/scatter one row per partition ([P,1] offsets); only
// dma_transpose reads a [P,C] index tensor.
void Checker::vector_offsets_one_per_row() const {
  for (const Operand& o : inst.operands)
    if (o.is_tensor() && o.ap.dynamic && o.ap.dynamic->vector &&
        o.ap.dynamic->index.elems_per_partition() != 1)
      fail(fmt::format("the vector_offset '{}' of {} must be [P,1], one row per partition; got {}",
                       o.ap.dynamic->index.storage->name, name_of(o),
                       shape_str(o.ap.dynamic->index.shape())));
}

void Checker::check_dma_modes() const {
  const std::string dge = inst.attr_str("dge_mode");
  const Operand* dynamic = nullptr;
  bool vector = false;
  for (const Operand& o : inst.operands)
    if (o.is_tensor() && o.ap.dynamic) {
      dynamic = &o;
      vector = vector || o.ap.dynamic->vector;
    }
  vector_offsets_one_per_row();
  if (dge == "hwdge" && arch.nc_version < 3)
    fail(fmt::format("dge_mode=hwdge needs NeuronCore-v3 (trn2) or newer, not {}", arch.name));
  if (dge == "none" && dynamic)
    fail(
        fmt::format("{} is dynamically addressed, which needs descriptors generated at run time: dge_mode "
                    "swdge or hwdge, not none",
                    name_of(*dynamic)));
  if (dge == "hwdge" && vector)
    fail("vector_offset (gather/scatter) needs dge_mode=swdge; the hardware DGE has no indirection");
  if (dge == "hwdge" && is_tensor(0) && is_tensor(1) && dtype(0) != dtype(1))
    fail(
        fmt::format("dge_mode=hwdge cannot cast: dst is {} and src is {}; give both the same dtype (.view())",
                    dtype_name(dtype(0)), dtype_name(dtype(1))));
  const std::string eng = inst.has_attr("dge_engine") ? inst.attr_str("dge_engine") : std::string();
  if (!eng.empty()) {
    if (dge != "hwdge")
      fail("engine= picks the engine that triggers the hardware DGE; it needs dge_mode=hwdge");
    if (eng != "sync" && eng != "scalar")
      fail(fmt::format("the hardware DGE is triggered from the sync or scalar engine, not {}", eng));
  }
}

namespace {

// The same elements: storage, dtype, offset, pattern and runtime offset tensor/register.
bool same_access(const AccessPattern& a, const AccessPattern& b) {
  if (a.storage != b.storage || a.dtype != b.dtype || a.offset != b.offset || a.dims != b.dims) return false;
  if (!a.dynamic || !b.dynamic) return !a.dynamic && !b.dynamic;
  const DynamicOffset &x = *a.dynamic, &y = *b.dynamic;
  return x.vector == y.vector && x.reg == y.reg && x.index == y.index && x.stride == y.stride;
}

std::string axes_text(const std::vector<int64_t>& a) {
  std::string r;
  for (size_t i = 0; i < a.size(); ++i) r += (i ? ", " : "") + std::to_string(a[i]);
  return "(" + r + ")";
}

}  // namespace

void Checker::check_dma_transpose() const {
  constexpr Roles R(Opcode::dma_transpose);
  const AccessPattern& d = operand(R("dst")).ap;
  const AccessPattern& s = operand(R("src")).ap;
  const size_t rank = s.dims.size();
  if (rank < 2 || rank > 4)
    fail(fmt::format("src has rank {}; the DMA transposes 2-D, 3-D and 4-D tiles", rank));
  const std::vector<int64_t> want = rank == 2   ? std::vector<int64_t>{1, 0}
                                    : rank == 3 ? std::vector<int64_t>{2, 1, 0}
                                                : std::vector<int64_t>{3, 1, 2, 0};
  std::vector<int64_t> axes = want;
  if (inst.has_attr("axes")) axes = parse_int_list(inst.attr_str("axes"));
  if (axes != want)
    fail(fmt::format("axes {} is not supported for a {}-D src; it must be {}", axes_text(axes), rank,
                     axes_text(want)));
  std::vector<int64_t> shape;
  for (int64_t a : axes) shape.push_back(s.dims[static_cast<size_t>(a)].num);
  if (d.shape() != shape)
    fail(fmt::format("dst must be {} (src {} permuted by axes {}), got {}", shape_str(shape),
                     shape_str(s.shape()), axes_text(axes), shape_str(d.shape())));
  if (d.dtype != s.dtype)
    fail(fmt::format("dst dtype {} must equal src dtype {}", dtype_name(d.dtype), dtype_name(s.dtype)));
  if (dtype_size(s.dtype) != 2)
    fail(fmt::format("src is {}; the DMA transposes 2-byte dtypes only", dtype_name(s.dtype)));
  if (d.dynamic || (s.dynamic && !s.dynamic->vector))
    fail("only src may be dynamically addressed, and only with a vector_offset (the indirect transpose)");
  const std::string dge = inst.attr_str("dge_mode");
  if (dge == "none") fail("dge_mode=none cannot transpose: use hwdge (direct), swdge (indirect) or unknown");
  const bool indirect = s.dynamic != nullptr;
  if (indirect) {
    if (dge == "hwdge") fail("an indirect (vector_offset) transpose needs dge_mode=swdge, not hwdge");
    if (arch.nc_version < 3)
      fail(fmt::format("an indirect (vector_offset) transpose needs NeuronCore-v3 (trn2) or newer, not {}",
                       arch.name));
    if (s.dims.back().num > 128)
      fail(fmt::format("an indirect transpose reads at most 128 elements per row; src's last dim is {}",
                       s.dims.back().num));
    if (s.dims[0].num % 16 != 0)
      fail(fmt::format("an indirect transpose gathers a multiple of 16 rows; src's first dim is {}",
                       s.dims[0].num));
    if (rank == 4 && s.dims[1].num != 1 && s.dims[2].num != 1)
      fail(
          fmt::format("a 4-D indirect transpose needs src dim 1 or 2 to be 1, got {}", shape_str(s.shape())));
    const AccessPattern& idx = s.dynamic->index;
    const int64_t ip = idx.num_partitions(), ic = idx.elems_per_partition();
    if (idx.dtype != DType::uint32)
      fail(fmt::format("the indices '{}' of an indirect transpose must be uint32, not {}", idx.storage->name,
                       dtype_name(idx.dtype)));
    if (ip < 16 || ip > 128 || ip % 16 != 0)
      fail(fmt::format("the indices '{}' must cover 16 to 128 partitions, a multiple of 16, not {}",
                       idx.storage->name, ip));
    if (ic > 1 && ip != 128)
      fail(fmt::format("indices '{}' with {} columns must cover exactly 128 partitions, not {}",
                       idx.storage->name, ic, ip));
  } else {
    if (dge == "swdge")
      fail("dge_mode=swdge transposes an indirect (vector_offset) src; a direct transpose uses hwdge");
    if (inst.attr_str("oob_mode") == "skip") fail("oob_mode=skip needs an indirect (vector_offset) src");
    if (dge == "hwdge") {
      if (arch.nc_version < 3)
        fail(fmt::format("dge_mode=hwdge needs NeuronCore-v3 (trn2) or newer, not {}", arch.name));
      if (s.dims[0].num != 16)
        fail(fmt::format("a hardware-DGE transpose needs src.shape[0] == 16, got {}", s.dims[0].num));
      if (s.dims.back().num % 128 != 0)
        fail(fmt::format("a hardware-DGE transpose needs src.shape[-1] to be a multiple of 128, got {}",
                         s.dims.back().num));
    }
  }
}

void Checker::check_dma_compute() const {
  constexpr Roles R(Opcode::dma_compute);
  const AccessPattern& d = operand(R("dst")).ap;
  std::vector<size_t> srcs;
  for (size_t i = 1; i < inst.operands.size(); ++i)
    if (is_tensor(i)) srcs.push_back(i);
  bool vector = d.dynamic && d.dynamic->vector;
  for (size_t i = 0; i < inst.operands.size(); ++i) {
    if (!is_tensor(i)) continue;
    const AccessPattern& ap = operand(i).ap;
    if (ap.num_elements() != d.num_elements())
      fail(fmt::format("{} has {} elements but dst has {}; every source must match dst's element count",
                       role(i), ap.num_elements(), d.num_elements()));
    if (ap.dynamic && !ap.dynamic->vector)
      fail(fmt::format(
          "{} {} has a scalar_offset; dma_compute needs compile-time addresses (or a vector_offset "
          "read-modify-write)",
          role(i), name_of(operand(i))));
    vector = vector || (ap.dynamic && ap.dynamic->vector);
  }
  if (!vector) return;
  vector_offsets_one_per_row();
  if (srcs.size() != 2)
    fail(fmt::format("a read-modify-write (vector_offset) dma_compute takes exactly 2 srcs, got {}",
                     srcs.size()));
  if (!inst.attr_bool("unique_indices"))
    fail(
        "unique_indices=False is not supported: a read-modify-write with vector_offset needs unique indices");
  const AccessPattern& a = operand(srcs[0]).ap;
  const AccessPattern& b = operand(srcs[1]).ap;
  auto dyn_hbm = [](const AccessPattern& x) {
    return x.dynamic && x.dynamic->vector && is_hbm(x.storage->buffer);
  };
  auto plain_in = [](const AccessPattern& x, Buffer buf) { return !x.dynamic && x.storage->buffer == buf; };
  const bool scatter = dyn_hbm(d) && ((same_access(a, d) && plain_in(b, Buffer::Sbuf)) ||
                                      (same_access(b, d) && plain_in(a, Buffer::Sbuf)));
  const bool gather =
      plain_in(d, Buffer::Sbuf) && ((same_access(a, d) && dyn_hbm(b)) || (same_access(b, d) && dyn_hbm(a)));
  if (!scatter && !gather)
    fail(
        "with a vector_offset, dma_compute is a scatter-add (dst: an HBM tensor with vector_offset, srcs: "
        "[dst, an "
        "SBUF tile]) or a gather-add (dst: an SBUF tile, srcs: [dst, an HBM tensor with vector_offset])");
}

}  // namespace nki::verifier

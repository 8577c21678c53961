// Machine state, access-pattern resolution with bounds checks, and the element read/write loops
// with their fast paths (contiguous rows, fp32 and bf16 without a per-element dtype switch).
#include "sim/machine.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "sim/random.h"
#include "support/diagnostics.h"

namespace nki::sim {

namespace {

// Patterns beyond this many elements are refused rather than risking a huge allocation.
constexpr int64_t kMaxElements = int64_t{1} << 31;

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

const char* mem_name(MemKind k) {
  return k == MemKind::Sbuf ? "SBUF" : k == MemKind::Psum ? "PSUM" : "HBM";
}

}  // namespace

std::vector<uint8_t> poison_element(DType dtype) {
  std::vector<uint8_t> e(static_cast<size_t>(dtype_size(dtype)));
  // Floats: the format's canonical quiet NaN (0x7FC00000 f32, 0x7FC0 bf16, 0x7E00 f16, ...).
  // Integers: 4, as the NKI simulator does, so a read of uninitialised memory is visible.
  store_from_f32(dtype, is_float(dtype) ? std::numeric_limits<float>::quiet_NaN() : 4.0f, e.data());
  return e;
}

Machine::Machine(const Arch& arch, const Kernel& kernel)
    : arch_(arch),
      kernel_(kernel),
      // Memory nobody allocated reads as all-ones bytes: NaN in every float format, -1/max in
      // integers.
      sbuf_(static_cast<size_t>(arch.num_partitions * arch.sbuf_partition_bytes), 0xFF),
      psum_(static_cast<size_t>(arch.num_partitions * arch.psum_partition_bytes), 0xFF),
      psum_written_(psum_.size() / 4, 0),
      hbm_(kernel.storages.size()),
      shared_(kernel.storages.size(), 0) {
  for (const auto& s : kernel.storages) {
    hbm_[s->id] = std::make_shared<std::vector<uint8_t>>();
    if (!is_hbm(s->buffer)) continue;
    const int64_t bytes = s->total_bytes();
    if (bytes < 0 || bytes > (int64_t{1} << 40))
      throw UserError(s->loc, "tensor '" + s->name + "' " + s->type_str() + " is too large to simulate");
    hbm_[s->id]->resize(static_cast<size_t>(bytes));
    poison(*s);
  }
  for (auto& a : acc_) a.assign(static_cast<size_t>(arch.num_partitions), 0.0f);
  seed_rng(0);
}

void Machine::seed_rng(uint64_t seed) {
  for (Engine e : {Engine::Vector, Engine::GpSimd}) seed_rng(e, seed);
  random_seed_ = seed;  // dropout's stream (semantics/common.h random_unit) follows the same seed
  draws_ = 0;
}

void Machine::seed_rng(Engine e, uint64_t seed) {
  const int g = rng_generators(e);
  std::vector<uint32_t>& st = rng_[static_cast<size_t>(e)];
  st.assign(static_cast<size_t>(arch_.num_partitions * g * kXorwowWords), 0);
  for (int64_t lane = 0; lane < arch_.num_partitions; ++lane)
    for (int k = 0; k < g; ++k)
      xorwow_seed(&st[static_cast<size_t>((lane * g + k) * kXorwowWords)], seed, e, lane, k);
}

const Storage& Machine::checked_storage(const AccessPattern& ap, std::string_view role) const {
  const Storage* s = ap.storage;
  if (s == nullptr) throw UserError(std::string(role) + " has no tensor");
  if (s->id < 0 || static_cast<size_t>(s->id) >= kernel_.storages.size() ||
      kernel_.storages[s->id].get() != s)
    throw InternalError("operand " + std::string(role) + " refers to a tensor of another kernel");
  return *s;
}

// The element -> byte address map of a storage viewed in `dtype`, and the memory it lives in.
struct AddressMap {
  bool on_chip = false;
  int64_t F = 1, psz = 0, base = 0, es = 4, mem_size = 0;
  int64_t operator()(int64_t e) const {
    if (!on_chip) return e * es;
    const int64_t p = floor_div(e, F);
    return base + p * psz + (e - p * F) * es;
  }
};

AddressMap Machine::address_map(const Storage& s, DType dtype, const std::string& who, Walk& w) {
  AddressMap a;
  w.storage = &s;
  w.dtype = dtype;
  w.esize = dtype_size(dtype);
  a.es = w.esize;
  a.on_chip = is_on_chip(s.buffer);
  if (a.on_chip) {
    if (!s.partition_start || !s.byte_offset)
      throw UserError(who + " has no SBUF/PSUM address; the allocate pass has not run");
    w.kind = s.buffer == Buffer::Sbuf ? MemKind::Sbuf : MemKind::Psum;
    a.psz = w.kind == MemKind::Sbuf ? arch_.sbuf_partition_bytes : arch_.psum_partition_bytes;
    const int64_t pb = s.partition_bytes();
    if (pb <= 0 || pb % a.es != 0)
      throw UserError(who + ": a partition of " + std::to_string(pb) + " bytes is not a whole number of " +
                      std::string(dtype_name(dtype)) + " elements");
    if (*s.byte_offset < 0 || *s.byte_offset + pb > a.psz)
      throw UserError(who + ": bytes [" + std::to_string(*s.byte_offset) + ", " +
                      std::to_string(*s.byte_offset + pb) + ") of each partition lie outside the " +
                      std::to_string(a.psz) + "-byte " + mem_name(w.kind) + " partition");
    a.F = pb / a.es;
    a.base = static_cast<int64_t>(*s.partition_start) * a.psz + *s.byte_offset;
    auto& mem = w.kind == MemKind::Sbuf ? sbuf_ : psum_;
    w.mem = mem.data();
    a.mem_size = static_cast<int64_t>(mem.size());
  } else {
    w.kind = MemKind::Hbm;
    w.mem = hbm_[s.id]->data();
    a.mem_size = static_cast<int64_t>(hbm_[s.id]->size());
  }
  return a;
}

Walk Machine::walk(const AccessPattern& ap, std::string_view role, std::vector<uint8_t>* in_bounds) {
  const Storage& s = checked_storage(ap, role);
  if (ap.dynamic) return walk_dynamic(ap, role, in_bounds);
  if (in_bounds) in_bounds->clear();
  Walk w;
  const std::string who = std::string(role) + " (%" + s.name + ")";
  const AddressMap addr = address_map(s, ap.dtype, who, w);
  const bool on_chip = addr.on_chip;
  const int64_t es = addr.es, F = addr.F, psz = addr.psz, mem_size = addr.mem_size;

  std::vector<ApDim> dims = ap.dims;
  int64_t total = 1;
  for (const auto& d : dims) {
    if (d.num < 0) throw UserError(who + ": negative dimension size " + std::to_string(d.num));
    if (d.num > 0 && total > kMaxElements / d.num)
      throw UserError(who + ": access pattern of more than 2^31 elements");
    total *= d.num;
  }
  if (total == 0) return w;                             // no elements, no rows
  while (dims.size() < 2) dims.push_back(ApDim{1, 1});  // a scalar or 1-D pattern: rows x 1

  // Rows can be split off when stepping the outer dim moves by whole partitions (always on HBM,
  // where the map is linear). Otherwise one row holds every element's address.
  if (!on_chip || dims[0].step % F == 0) {
    w.row_base.resize(static_cast<size_t>(dims[0].num));
    for (int64_t i = 0; i < dims[0].num; ++i)
      w.row_base[i] = on_chip ? (i * dims[0].step / F) * psz : i * dims[0].step * es;
    AccessPattern inner;
    inner.offset = ap.offset;
    inner.dims.assign(dims.begin() + 1, dims.end());
    w.col_off.resize(static_cast<size_t>(total / dims[0].num));
    for_each_element(inner, [&](int64_t k, int64_t e) { w.col_off[k] = addr(e); });
  } else {
    w.row_base = {0};
    AccessPattern full;
    full.offset = ap.offset;
    full.dims = dims;
    w.col_off.resize(static_cast<size_t>(total));
    for_each_element(full, [&](int64_t k, int64_t e) { w.col_off[k] = addr(e); });
  }

  // Every combination of a row base and a column offset is an element, so the extremes of
  // each give the exact byte range touched.
  const auto [rlo, rhi] = std::minmax_element(w.row_base.begin(), w.row_base.end());
  const auto [clo, chi] = std::minmax_element(w.col_off.begin(), w.col_off.end());
  const int64_t lo = *rlo + *clo, hi = *rhi + *chi + es;
  if (lo < 0 || hi > mem_size) {
    if (on_chip) {
      const int64_t bad = lo < 0 ? floor_div(lo, psz) : floor_div(hi - 1, psz);
      throw UserError(who + " reaches partition " + std::to_string(bad) + ", outside " + mem_name(w.kind) +
                      " partitions 0.." + std::to_string(arch_.num_partitions - 1));
    }
    const int64_t bad = lo < 0 ? floor_div(lo, es) : floor_div(hi - 1, es);
    throw UserError(who + " reaches element " + std::to_string(bad) + ", outside tensor '" + s.name + "' " +
                    s.type_str() + " (" + std::to_string(mem_size / es) + " elements of " +
                    std::string(dtype_name(ap.dtype)) + ")");
  }

  w.cols_contiguous = true;
  for (int64_t c = 1; c < w.cols() && w.cols_contiguous; ++c)
    w.cols_contiguous = w.col_off[c] == w.col_off[0] + c * es;
  w.contiguous = w.cols_contiguous;
  for (int64_t r = 1; r < w.rows() && w.contiguous; ++r)
    w.contiguous = w.row_base[r] == w.row_base[0] + r * w.cols() * es;
  return w;
}

int64_t Machine::scalar_offset_value(const DynamicOffset& d) {
  if (d.reg >= 0) {
    if (regs_ == nullptr || static_cast<size_t>(d.reg) >= regs_->size())
      throw InternalError("scalar_offset register r" + std::to_string(d.reg) +
                          " is not in the register file");
    return (*regs_)[static_cast<size_t>(d.reg)];
  }
  const Walk iw = walk(d.index, "scalar_offset");
  const std::vector<uint8_t> raw = gather(iw);
  const uint32_t bits = load_bits32(iw.dtype, raw.data());
  return iw.dtype == DType::uint32 ? int64_t(bits) : int64_t(int32_t(bits));
}

namespace {

std::string pattern_text(const AccessPattern& ap) {
  std::string r = "[";
  for (size_t i = 0; i < ap.dims.size(); ++i)
    r += (i ? ",[" : "[") + std::to_string(ap.dims[i].step) + "," + std::to_string(ap.dims[i].num) + "]";
  return r + "] offset " + std::to_string(ap.offset);
}

}  // namespace

Walk Machine::walk_dynamic(const AccessPattern& ap, std::string_view role, std::vector<uint8_t>* in_bounds) {
  const Storage& s = *ap.storage;
  const DynamicOffset& d = *ap.dynamic;
  Walk w;
  const std::string who = std::string(role) + " (%" + s.name + ")";
  const AddressMap addr = address_map(s, ap.dtype, who, w);
  const int64_t total = s.total_bytes() / addr.es;  // the tensor's bounds, in elements of ap.dtype
  int64_t count = 1;
  for (const auto& dim : ap.dims) count *= std::max<int64_t>(0, dim.num);
  if (count > kMaxElements) throw UserError(who + ": access pattern of more than 2^31 elements");
  w.row_base = {0};
  w.col_off.assign(static_cast<size_t>(count), 0);
  if (in_bounds) in_bounds->assign(static_cast<size_t>(count), 1);
  if (count == 0) return w;

  // Per element: the runtime element index and a description of the offset that produced it.
  std::vector<int64_t> index_values;  // vector_offset rows, one per leading index
  int64_t scalar = 0;
  if (d.vector) {
    const Walk iw = walk(d.index, "vector_offset");
    const std::vector<uint8_t> raw = gather(iw);
    // A [P, C] index tensor is read column by column (indices.T.flatten(), the order of
    // dma_transpose's gather); a [P, 1] one is simply in partition order.
    const int64_t P = std::max<int64_t>(1, d.index.num_partitions()), C = iw.size() / P;
    index_values.resize(static_cast<size_t>(iw.size()));
    for (int64_t i = 0; i < iw.size(); ++i) {
      const int64_t at = (i % P) * C + i / P;
      const uint32_t bits = load_bits32(iw.dtype, raw.data() + at * iw.esize);
      index_values[static_cast<size_t>(i)] =
          iw.dtype == DType::uint32 ? int64_t(bits) : int64_t(int32_t(bits));
    }
  } else {
    scalar = scalar_offset_value(d);
  }
  AccessPattern inner = ap;
  inner.dynamic.reset();
  int64_t rows = 1;
  if (d.vector) {
    rows = ap.dims[0].num;
    inner.dims.erase(inner.dims.begin());
  }
  const int64_t per_row = count / rows;
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t idx = d.vector ? index_values.at(static_cast<size_t>(r)) : scalar;
    inner.offset = ap.offset + idx * d.stride;
    // On chip, an offset along a free dim (indirect_dim > 0) must stay inside each partition's
    // row of the tensor: the element cannot spill into the next partition.
    const bool within_rows = addr.on_chip && d.indirect_dim > 0;
    // A register-indexed view (t[nl.ds(reg, n)]) must stay inside the viewed dimension.
    const bool outside_view = d.max_index >= 0 && (idx < 0 || idx > d.max_index);
    for_each_element(inner, [&](int64_t k, int64_t e) {
      const int64_t at = r * per_row + k;
      const bool spills = within_rows && floor_div(e, addr.F) != floor_div(e - idx * d.stride, addr.F);
      if (outside_view) {
        if (in_bounds) {
          (*in_bounds)[static_cast<size_t>(at)] = 0;
          return;
        }
        throw UserError(who + ": out-of-bounds dynamic access: the slice nl.ds(r" + std::to_string(d.reg) +
                        " = " + std::to_string(idx) + ", " + std::to_string(d.dim_size - d.max_index) +
                        ") leaves dimension " + std::to_string(d.view_dim) + " (size " +
                        std::to_string(d.dim_size) + ") of the view of tensor '" + s.name + "' " +
                        s.type_str() + "; its start must be 0.." + std::to_string(d.max_index) +
                        " (oob_mode=nisa.oob_mode.skip skips such elements)");
      }
      if (e < 0 || e >= total || spills) {
        if (in_bounds) {
          (*in_bounds)[static_cast<size_t>(at)] = 0;
          return;
        }
        const std::string source =
            d.vector ? "vector_offset '" + d.index.storage->name + "'[" + std::to_string(r) +
                           "] = " + std::to_string(idx)
            : d.reg >= 0 ? "scalar_offset r" + std::to_string(d.reg) + " = " + std::to_string(idx)
                         : "scalar_offset '" + d.index.storage->name + "' = " + std::to_string(idx);
        throw UserError(
            who + ": out-of-bounds dynamic access: " + source + " (x " + std::to_string(d.stride) +
            " elements per index of dimension " + std::to_string(d.indirect_dim) + ") reaches element " +
            std::to_string(e) + " of tensor '" + s.name + "' " + s.type_str() +
            (spills ? ", past the end of partition " + std::to_string(floor_div(e - idx * d.stride, addr.F)) +
                          "'s " + std::to_string(addr.F) + " elements"
                    : ", whose elements are 0.." + std::to_string(total - 1)) +
            " (pattern " + pattern_text(ap) + "; oob_mode=nisa.oob_mode.skip skips such elements)");
      }
      w.col_off[static_cast<size_t>(at)] = addr(e);
    });
  }
  w.cols_contiguous = false;
  w.contiguous = false;
  return w;
}

Walk Walk::subset(const std::vector<int64_t>& ks) const {
  Walk w = *this;
  w.row_base = {0};
  w.col_off.resize(ks.size());
  for (size_t i = 0; i < ks.size(); ++i) w.col_off[i] = offset(ks[i]);
  w.cols_contiguous = w.contiguous = false;
  return w;
}

Walk Machine::walk(const Instruction& inst, int index) {
  const auto& roles = op_info(inst.op).operands;
  const std::string role = static_cast<size_t>(index) < roles.size() ? roles[index].name : "operand";
  if (static_cast<size_t>(index) >= inst.operands.size() || !inst.operands[index].is_tensor())
    throw UserError(role + " must be a tensor");
  return walk(inst.operands[index].ap, role);
}

namespace {

// Calls fn(element pointer, k) for every element in row-major order.
template <typename Fn>
void for_each_ptr(const Walk& w, uint8_t* mem, Fn&& fn) {
  w.for_each_offset([&](int64_t off, int64_t k) { fn(mem + off, k); });
}

// Sets the PSUM word flags under every element of `w` to `value`; whole rows at once when
// the rows are runs of aligned 4-byte words (every fp32 PSUM tile).
void set_flags(const Walk& w, std::vector<uint8_t>& flags, uint8_t value) {
  bool rows_of_words = w.esize == 4 && w.cols_contiguous;
  for (size_t r = 0; r < w.row_base.size() && rows_of_words; ++r)
    rows_of_words = (w.row_base[r] + w.col_off[0]) % 4 == 0;
  if (rows_of_words) {
    for (const int64_t row : w.row_base)
      std::memset(flags.data() + (row + w.col_off[0]) / 4, value, static_cast<size_t>(w.cols()));
    return;
  }
  w.for_each_offset([&](int64_t off, int64_t) { flags[off / 4] = value; });
}

}  // namespace

std::vector<float> Machine::read_f32(const Walk& w, bool checked) const {
  if (checked) check_initialized(w);
  std::vector<float> out(static_cast<size_t>(w.size()));
  if (out.empty()) return out;
  float* o = out.data();
  const int64_t cols = w.cols();
  if (w.dtype == DType::float32 || w.dtype == DType::tfloat32) {
    if (w.contiguous) {
      std::memcpy(o, w.mem + w.offset(0), out.size() * 4);
    } else if (w.cols_contiguous) {
      for (int64_t r = 0; r < w.rows(); ++r)
        std::memcpy(o + r * cols, w.mem + w.row_base[r] + w.col_off[0], cols * 4);
    } else {
      for_each_ptr(w, w.mem, [&](const uint8_t* p, int64_t k) { std::memcpy(o + k, p, 4); });
    }
  } else if (w.dtype == DType::bfloat16) {
    // bf16 is the top half of an fp32: widen inline rather than call the library function.
    for_each_ptr(w, w.mem, [&](const uint8_t* p, int64_t k) {
      uint16_t b;
      std::memcpy(&b, p, 2);
      const uint32_t x = static_cast<uint32_t>(b) << 16;
      std::memcpy(o + k, &x, 4);
    });
  } else {
    const DType t = w.dtype;
    for_each_ptr(w, w.mem, [&](const uint8_t* p, int64_t k) { o[k] = load_as_f32(t, p); });
  }
  return out;
}

void Machine::write_f32(const Walk& w, const float* v) {
  const int64_t cols = w.cols();
  if (w.dtype == DType::float32) {
    if (w.contiguous && w.size() > 0) {
      std::memcpy(w.mem + w.offset(0), v, static_cast<size_t>(w.size()) * 4);
    } else if (w.cols_contiguous) {
      for (int64_t r = 0; r < w.rows(); ++r)
        std::memcpy(w.mem + w.row_base[r] + w.col_off[0], v + r * cols, cols * 4);
    } else {
      for_each_ptr(w, w.mem, [&](uint8_t* p, int64_t k) { std::memcpy(p, v + k, 4); });
    }
  } else if (w.dtype == DType::bfloat16) {
    for_each_ptr(w, w.mem, [&](uint8_t* p, int64_t k) {
      const uint16_t b = f32_to_bf16_bits(v[k]);
      std::memcpy(p, &b, 2);
    });
  } else {
    const DType t = w.dtype;
    for_each_ptr(w, w.mem, [&](uint8_t* p, int64_t k) { store_from_f32(t, v[k], p); });
  }
  mark_written(w);
}

std::vector<uint32_t> Machine::read_bits(const Walk& w) const {
  const std::vector<uint8_t> raw = gather(w);
  std::vector<uint32_t> out(static_cast<size_t>(w.size()));
  const size_t es = static_cast<size_t>(w.esize);
  for (size_t k = 0; k < out.size(); ++k) out[k] = load_bits32(w.dtype, raw.data() + k * es);
  return out;
}

void Machine::write_bits(const Walk& w, const uint32_t* words) {
  const size_t es = static_cast<size_t>(w.esize);
  std::vector<uint8_t> raw(static_cast<size_t>(w.size()) * es);
  for (size_t k = 0; k < static_cast<size_t>(w.size()); ++k)
    store_bits32(w.dtype, words[k], raw.data() + k * es);
  scatter(w, raw.data());
}

std::vector<uint8_t> Machine::gather(const Walk& w, bool checked) const {
  if (checked) check_initialized(w);
  const size_t es = static_cast<size_t>(w.esize);
  std::vector<uint8_t> out(static_cast<size_t>(w.size()) * es);
  if (out.empty()) return out;
  if (w.contiguous) {
    std::memcpy(out.data(), w.mem + w.offset(0), out.size());
  } else if (w.cols_contiguous) {
    const size_t row_bytes = static_cast<size_t>(w.cols()) * es;
    for (int64_t r = 0; r < w.rows(); ++r)
      std::memcpy(out.data() + r * row_bytes, w.mem + w.row_base[r] + w.col_off[0], row_bytes);
  } else {
    for_each_ptr(w, w.mem, [&](const uint8_t* p, int64_t k) { std::memcpy(out.data() + k * es, p, es); });
  }
  return out;
}

void Machine::scatter(const Walk& w, const uint8_t* bytes) {
  const size_t es = static_cast<size_t>(w.esize);
  if (w.size() == 0) return;
  if (w.contiguous) {
    std::memcpy(w.mem + w.offset(0), bytes, static_cast<size_t>(w.size()) * es);
  } else if (w.cols_contiguous) {
    const size_t row_bytes = static_cast<size_t>(w.cols()) * es;
    for (int64_t r = 0; r < w.rows(); ++r)
      std::memcpy(w.mem + w.row_base[r] + w.col_off[0], bytes + r * row_bytes, row_bytes);
  } else {
    for_each_ptr(w, w.mem, [&](uint8_t* p, int64_t k) { std::memcpy(p, bytes + k * es, es); });
  }
  mark_written(w);
}

void Machine::fill(const Walk& w, const uint8_t* elem) {
  const size_t es = static_cast<size_t>(w.esize);
  for_each_ptr(w, w.mem, [&](uint8_t* p, int64_t) { std::memcpy(p, elem, es); });
  mark_written(w);
}

void Machine::mark_written(const Walk& w) {
  if (check_uninit_) {
    std::vector<uint8_t>& sh = shadow(w);
    const size_t es = static_cast<size_t>(w.esize);
    if (w.cols_contiguous && w.size() > 0) {
      for (const int64_t row : w.row_base) std::memset(sh.data() + row + w.col_off[0], 1, es * w.cols());
    } else {
      w.for_each_offset([&](int64_t off, int64_t) { std::memset(sh.data() + off, 1, es); });
    }
  }
  if (w.kind != MemKind::Psum) return;
  set_flags(w, psum_written_, 1);
}

void Machine::enable_uninitialized_check() {
  check_uninit_ = true;
  sbuf_init_.assign(sbuf_.size(), 0);
  psum_init_.assign(psum_.size(), 0);
  hbm_init_.resize(hbm_.size());
  for (size_t i = 0; i < hbm_.size(); ++i)
    hbm_init_[i] = std::make_shared<std::vector<uint8_t>>(hbm_[i] ? hbm_[i]->size() : 0, 0);
  for (const auto& s : kernel_.storages)  // shared constants hold data from the start
    if (s->constant) mark_initialized(*s);
}

void Machine::mark_initialized(const Storage& s) {
  if (check_uninit_ && is_hbm(s.buffer)) std::fill(hbm_init_[s.id]->begin(), hbm_init_[s.id]->end(), 1);
}

std::vector<uint8_t>& Machine::shadow(const Walk& w) {
  if (w.kind == MemKind::Sbuf) return sbuf_init_;
  if (w.kind == MemKind::Psum) return psum_init_;
  return *hbm_init_.at(static_cast<size_t>(w.storage->id));
}

void Machine::check_initialized(const Walk& w) const {
  if (!check_uninit_ || w.size() == 0 || w.storage == nullptr) return;
  const std::vector<uint8_t>& sh = const_cast<Machine*>(this)->shadow(w);
  const int64_t es = w.esize;
  int64_t bad = -1;
  if (w.cols_contiguous) {  // whole rows at once; find the byte only when a row has a hole
    const size_t row_bytes = static_cast<size_t>(es * w.cols());
    bool holes = false;
    for (const int64_t row : w.row_base)
      holes = holes || std::memchr(sh.data() + row + w.col_off[0], 0, row_bytes) != nullptr;
    if (!holes) return;
  }
  w.for_each_offset([&](int64_t off, int64_t) {
    if (bad >= 0) return;
    for (int64_t b = 0; b < es; ++b)
      if (!sh[static_cast<size_t>(off + b)]) {
        bad = off;
        return;
      }
  });
  if (bad < 0) return;
  // The element's index in the tensor: its flat index in the walk's dtype, as a multi-index of
  // the tensor's shape when the dtype is the tensor's own.
  const Storage& s = *w.storage;
  int64_t flat = bad / es;
  if (is_on_chip(s.buffer)) {
    const int64_t psz = w.kind == MemKind::Sbuf ? arch_.sbuf_partition_bytes : arch_.psum_partition_bytes;
    const int64_t p = bad / psz - s.partition_start.value_or(0);
    const int64_t f = (bad % psz - s.byte_offset.value_or(0)) / es;
    flat = p * (s.partition_bytes() / es) + f;
  }
  std::string where = "element " + std::to_string(flat);
  if (w.dtype == s.dtype && !s.shape.empty()) {
    std::vector<int64_t> idx(s.shape.size());
    int64_t rest = flat;
    for (size_t d = s.shape.size(); d-- > 0;) {
      idx[d] = s.shape[d] > 0 ? rest % s.shape[d] : 0;
      rest = s.shape[d] > 0 ? rest / s.shape[d] : 0;
    }
    where = "element [";
    for (size_t d = 0; d < idx.size(); ++d) where += (d ? ", " : "") + std::to_string(idx[d]);
    where += "]";
  }
  throw UserError("reads " + where + " of tensor '" + s.name + "' (" + std::string(buffer_name(s.buffer)) +
                  " " + s.type_str() + "), which no instruction has written (--check-uninitialized)");
}

void Machine::clear_psum_flags(const Walk& w) {
  if (w.kind != MemKind::Psum) return;
  set_flags(w, psum_written_, 0);
}

void Machine::share_hbm(const Storage& s, std::shared_ptr<std::vector<uint8_t>> bytes,
                        std::shared_ptr<std::vector<uint8_t>> shadow) {
  if (!is_hbm(s.buffer) || !bytes || bytes->size() != hbm_[s.id]->size())
    throw InternalError("share_hbm: '" + s.name + "' is not an HBM tensor of " +
                        std::to_string(bytes ? bytes->size() : 0) + " bytes");
  hbm_[s.id] = std::move(bytes);
  shared_[s.id] = 1;
  if (check_uninit_ && shadow) hbm_init_[s.id] = std::move(shadow);
}

void Machine::poison(const Storage& s) {
  const std::vector<uint8_t> elem = poison_element(s.dtype);
  if (is_hbm(s.buffer) && s.constant) {  // nl.shared_constant: the compile-time bytes, initialized
    auto& mem = *hbm_[s.id];
    if (s.constant->size() != mem.size())
      throw InternalError("shared constant '" + s.name + "' holds " + std::to_string(s.constant->size()) +
                          " bytes for a tensor of " + std::to_string(mem.size()));
    std::copy(s.constant->begin(), s.constant->end(), mem.begin());
    if (check_uninit_) std::fill(hbm_init_[s.id]->begin(), hbm_init_[s.id]->end(), 1);
    return;
  }
  if (is_hbm(s.buffer)) {
    auto& mem = *hbm_[s.id];
    for (size_t i = 0; i + elem.size() <= mem.size(); i += elem.size())
      std::memcpy(mem.data() + i, elem.data(), elem.size());
    if (check_uninit_) std::fill(hbm_init_[s.id]->begin(), hbm_init_[s.id]->end(), 0);
    return;
  }
  const Walk w = walk(AccessPattern::whole(s), "dst");
  fill(w, elem.data());
  clear_psum_flags(w);
  if (check_uninit_) {  // a fresh allocation holds no data, whatever lived there before
    std::vector<uint8_t>& sh = shadow(w);
    const size_t es = static_cast<size_t>(w.esize);
    w.for_each_offset([&](int64_t off, int64_t) { std::memset(sh.data() + off, 0, es); });
  }
}

}  // namespace nki::sim

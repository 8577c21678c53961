// The hardware rules of each instruction (nki-api.md §5.2, §7): the generic operand rules
// (buffers an engine may touch, partition counts and start partitions, matching shapes), the
// dispatch to each instruction's check_<name>, and the rules of the Tensor Engine, dma_copy and
// the instructions without rules of their own. The other families' rules are in verify_*.cpp.
// Every message names the instruction and the rule.
#include "passes/verify_checker.h"

namespace nki {

namespace verifier {

std::string name_of(const Operand& o) {
  return "'" + o.ap.storage->name + "'";
}

const Operand& Checker::operand(size_t i) const {
  static const Operand absent;
  return i < inst.operands.size() ? inst.operands[i] : absent;
}

std::optional<AluOp> Checker::alu_attr(const char* name) const {
  const AttrSpec* a = op_info(inst.op).attr(name);
  if (a == nullptr || (!inst.has_attr(name) && !a->default_value)) return std::nullopt;
  return inst.attr_alu(name);
}

std::string Checker::cmd_name() const {
  return std::string(reduce_cmd_name(inst.attr_cmd("reduce_cmd")));
}

void Checker::not_both_psum(size_t a, size_t b) const {
  if (is_tensor(a) && is_tensor(b) && buffer(a) == Buffer::Psum && buffer(b) == Buffer::Psum)
    fail(fmt::format("{} and {} cannot both be in psum", role(a), role(b)));
}

void Checker::engine_in(uint32_t engines, const std::string& why) const {
  if (!(engines & (1u << static_cast<int>(inst.engine))))
    fail(fmt::format("{} (not on the {} engine)", why, engine_name(inst.engine)));
}

void Checker::integer_dtypes(std::initializer_list<size_t> ops, const std::string& why) const {
  for (size_t i : ops)
    if (is_tensor(i) && !is_integer(dtype(i)))
      fail(fmt::format("{} is {}; {}", role(i), dtype_name(dtype(i)), why));
}

// Buffers allowed by ops.def, the engine's own reach, partition limits and start partitions.
void Checker::check_operand(size_t i) const {
  const Operand& o = operand(i);
  const OperandRole& r = op_info(inst.op).operands[i];
  if (o.is_none()) {
    if (!r.optional) fail("missing operand " + r.name);
    return;
  }
  if (o.is_imm()) {
    // The builders make immediates only where ops.def allows them ("imm").
    NKI_CHECK(r.immediate,
              fmt::format("{}: operand {} is the number {}; ops.def does not allow an immediate there", op,
                          r.name, o.imm));
    return;
  }
  const Buffer b = o.ap.storage->buffer;
  uint8_t bit = b == Buffer::Sbuf ? BUF_SBUF : b == Buffer::Psum ? BUF_PSUM : BUF_HBM;
  if (!(r.buffers & bit)) {
    std::string allowed;
    for (auto [m, n] : {std::pair{BUF_SBUF, "sbuf"}, {BUF_PSUM, "psum"}, {BUF_HBM, "hbm"}})
      if (r.buffers & m) allowed += (allowed.empty() ? "" : " or ") + std::string(n);
    fail(fmt::format("{} must be in {}, but {} is in {}", r.name, allowed, name_of(o), buffer_name(b)));
  }
  if (inst.engine == Engine::GpSimd && b == Buffer::Psum)
    fail(fmt::format("the GpSimd engine cannot access PSUM ({} {} is in psum)", r.name, name_of(o)));
  if (!is_on_chip(b)) return;
  int64_t n = o.ap.num_partitions(), start = o.ap.start_partition();
  if (n > arch.num_partitions)
    fail(fmt::format("{} covers {} partitions; the maximum is {}", r.name, n, arch.num_partitions));
  if (start + n > arch.num_partitions)
    fail(fmt::format("{} covers partitions {}..{}, past the last partition {}", r.name, start, start + n - 1,
                     arch.num_partitions - 1));
  if (o.ap.dims.empty() || o.ap.dims[0].step != o.ap.free_elems_per_partition())
    fail(fmt::format("{} {}: the partition dimension must be dimension 0 and cannot be strided", r.name,
                     name_of(o)));
  if (inst.engine != Engine::Dma) {
    bool ok = n > 64 ? start == 0 : n > 32 ? (start == 0 || start == 64) : start % 32 == 0;
    if (!ok)
      fail(fmt::format(
          "{} starts at partition {} with {} partitions; an access of {} partitions must start at {}", r.name,
          start, n, n,
          n > 64   ? "partition 0"
          : n > 32 ? "partition 0 or 64"
                   : "partition 0, 32, 64 or 96"));
  }
}

// Two operands cover the same partitions count and the same number of elements per partition.
void Checker::same_tile(size_t a, size_t b) const {
  const AccessPattern& x = operand(a).ap;
  const AccessPattern& y = operand(b).ap;
  if (x.num_partitions() != y.num_partitions() || x.elems_per_partition() != y.elems_per_partition())
    fail(fmt::format(
        "{} covers {} partitions x {} elements, {} covers {} partitions x {} elements; they must match",
        role(a), x.num_partitions(), x.elems_per_partition(), role(b), y.num_partitions(),
        y.elems_per_partition()));
}

// A per-partition scalar operand: an immediate or a [P,1] tensor matching `data`'s partitions.
void Checker::scalar_operand(size_t i, size_t data) const {
  const Operand& o = operand(i);
  if (!o.is_tensor()) return;
  int64_t p = operand(data).ap.num_partitions();
  if (o.ap.num_partitions() != p || o.ap.elems_per_partition() != 1)
    fail(fmt::format("{} must be a number or a [{},1] tensor (one value per partition of {}), got {}",
                     role(i), p, role(data), shape_str(o.ap.shape())));
}

void Checker::vector_operand(size_t i, size_t data) const {
  const Operand& o = operand(i);
  const int64_t p = operand(data).ap.num_partitions();
  if (!o.is_tensor())
    fail(fmt::format("{} must be a [{},1] tensor (one value per partition of {})", role(i), p, role(data)));
  if (o.ap.num_partitions() != p || o.ap.elems_per_partition() != 1)
    fail(fmt::format("{} must be a [{},1] tensor (one value per partition of {}), got {}", role(i), p,
                     role(data), shape_str(o.ap.shape())));
}

// The packed MX dtypes (float8_e5m2_x4, float8_e4m3fn_x4, float4_e2m1fn_x4) exist on
// NeuronCore-v4 only and hold four values per element: only nc_matmul_mx and quantize_mx
// compute with them; dma_copy moves them bit for bit (equal dtypes) and memset writes 0.
void Checker::check_packed_mx() const {
  for (size_t i = 0; i < inst.operands.size(); ++i) {
    if (!is_tensor(i) || !is_packed_mx(dtype(i))) continue;
    if (arch.nc_version < 4)
      fail(fmt::format("{} is {}; the packed MX dtypes need NeuronCore-v4 (trn3), the target is {}", role(i),
                       dtype_name(dtype(i)), arch.name));
    switch (inst.op) {
      case Opcode::alloc:
      case Opcode::nc_matmul_mx:
      case Opcode::quantize_mx: break;
      case Opcode::dma_copy: {
        constexpr Roles R(Opcode::dma_copy);
        if (dtype(R("dst")) != dtype(R("src")))
          fail(fmt::format(
              "dst is {} and src is {}; a packed MX dtype is copied bit for bit, to the same dtype",
              dtype_name(dtype(R("dst"))), dtype_name(dtype(R("src")))));
        break;
      }
      case Opcode::memset: {
        const AttrValue* v = inst.find_attr("value");
        const bool zero = v && std::visit(
                                   [](const auto& x) {
                                     using T = std::decay_t<decltype(x)>;
                                     if constexpr (std::is_arithmetic_v<T>)
                                       return x == 0;
                                     else
                                       return false;
                                   },
                                   *v);
        if (!zero)
          fail(fmt::format("dst is {}; a packed MX dtype can only be memset to 0", dtype_name(dtype(0))));
        break;
      }
      default:
        fail(
            fmt::format("{} is {}; packed MX dtypes are only computed on by nc_matmul_mx and quantize_mx "
                        "(dma_copy and memset 0 move them)",
                        role(i), dtype_name(dtype(i))));
    }
  }
}

void Checker::check() const {
  // The builders set every attribute ops.def requires; one missing is nki's bug, not the kernel's.
  for (const AttrSpec& a : op_info(inst.op).attrs)
    NKI_CHECK(!a.required || inst.has_attr(a.name),
              std::string(op_name(inst.op)) + " instruction lacks required attribute '" + a.name + "'");
  for (size_t i = 0; i < inst.operands.size(); ++i) {
    check_operand(i);
    check_dynamic(i);
  }
  check_packed_mx();
  // Indexed by Opcode, generated from ops.def like the simulator's table of exec_<name>.
  using Rule = void (Checker::*)() const;
  static constexpr Rule rules[] = {
#define OP(name, engines, operands, attrs, cost, summary) &Checker::check_##name,
#include "ir/ops.def"
#undef OP
  };
  (this->*rules[static_cast<size_t>(inst.op)])();
}

// Instructions whose rules are the generic operand checks alone: the pseudo-instruction, the
// sequencer's (their register numbers and loop bounds are nki's own, set by the builders), memset
// (its value is any number; check_packed_mx covers MX tiles) and device_print.
void Checker::check_alloc() const {}
void Checker::check_register_move() const {}
void Checker::check_register_load() const {}
void Checker::check_register_store() const {}
void Checker::check_loop_begin() const {}
void Checker::check_loop_end() const {}
void Checker::check_memset() const {}
void Checker::check_device_print() const {}

void Checker::check_dma_copy() const {
  constexpr Roles R(Opcode::dma_copy);
  const AccessPattern& d = operand(R("dst")).ap;
  const AccessPattern& s = operand(R("src")).ap;
  if (d.num_elements() != s.num_elements())
    fail(fmt::format("dst {} has {} elements but src {} has {}; a DMA copies equal element counts",
                     shape_str(d.shape()), d.num_elements(), shape_str(s.shape()), s.num_elements()));
  check_dma_modes();
}

void Checker::check_nc_matmul() const {
  constexpr Roles R(Opcode::nc_matmul);
  const AccessPattern& d = operand(R("dst")).ap;
  const AccessPattern& st = operand(R("stationary")).ap;
  const AccessPattern& mv = operand(R("moving")).ap;
  const bool transpose = inst.has_attr("is_transpose") && inst.attr_bool("is_transpose");
  const bool double_row = inst.attr_str("perf_mode") == "double_row";
  const bool tiled = inst.has_attr("tile_rows");
  int64_t k = st.num_partitions(), m = st.elems_per_partition(), n = mv.elems_per_partition();
  if (mv.num_partitions() != k)
    fail(fmt::format(
        "stationary and moving must have the same contraction (partition) size; stationary has {}, "
        "moving has {}",
        k, mv.num_partitions()));
  // PE tiling (nki-api.md §7.3): row/column tile sizes 32 (NeuronCore-v3+), 64 or 128; positions
  // multiples of the size inside the 128x128 array; the operands fit the tile.
  int64_t rows = int64_t(arch.pe_rows), cols = int64_t(arch.pe_cols);
  if (tiled) {
    rows = inst.attr_int("tile_rows");
    cols = inst.attr_int("tile_cols");
    const int64_t r0 = inst.attr_int("tile_row"), c0 = inst.attr_int("tile_col");
    for (auto [what, sz] : {std::pair{"row_size", rows}, {"column_size", cols}}) {
      if (sz != 32 && sz != 64 && sz != 128)
        fail(fmt::format("tile_size {} is {}; it must be 32, 64 or 128", what, sz));
      if (sz == 32 && arch.nc_version < 3)
        fail(fmt::format("tile_size {} 32 needs NeuronCore-v3 (trn2) or newer; {} tiles by 64 or 128", what,
                         arch.name));
    }
    for (auto [what, at, sz, lim] : {std::tuple{"start_row", r0, rows, int64_t(arch.pe_rows)},
                                     {"start_column", c0, cols, int64_t(arch.pe_cols)}})
      if (at < 0 || at % sz != 0 || at + sz > lim)
        fail(fmt::format(
            "tile_position {} is {}; it must be a multiple of the tile size {} with the tile inside "
            "the {}-wide array",
            what, at, sz, lim));
    if (k > rows)
      fail(fmt::format("the contraction (partition) size is {}; the row tile holds {} (tile_size[0])", k,
                       rows));
  }
  if (double_row) {
    if (arch.nc_version < 3)
      fail(fmt::format("perf_mode=double_row needs NeuronCore-v3 (trn2) or newer, not {}", arch.name));
    if (transpose) fail("perf_mode=double_row cannot be combined with is_transpose");
    if (tiled && cols != int64_t(arch.pe_cols))
      fail("perf_mode=double_row cannot be combined with column tiling (tile_size column_size must be 128)");
    auto fp8 = [](DType t) { return t == DType::float8_e4m3 || t == DType::float8_e5m2; };
    for (auto [what, ap] : {std::pair{"stationary", &st}, {"moving", &mv}}) {
      if (!fp8(ap->dtype))
        fail(fmt::format("perf_mode=double_row needs float8_e4m3 or float8_e5m2 operands; {} is {}", what,
                         dtype_name(ap->dtype)));
      if (ap->dims.size() < 3 || ap->dims[1].num != 2)
        fail(
            fmt::format("perf_mode=double_row splits the contraction over the partitions and a first free "
                        "dimension of 2; {} is {}",
                        what, shape_str(ap->shape())));
    }
    m /= 2;
    n /= 2;
  }
  if (m > std::min(cols, arch.gemm_stationary_fmax))
    fail(tiled ? fmt::format("stationary free size is {}; the column tile holds {} (tile_size[1])", m, cols)
               : fmt::format(
                     "stationary free size is {}; the maximum is {} (nl.tile_size.gemm_stationary_fmax)", m,
                     arch.gemm_stationary_fmax));
  if (n > arch.gemm_moving_fmax)
    fail(fmt::format("moving free size is {}; the maximum is {} (nl.tile_size.gemm_moving_fmax)", n,
                     arch.gemm_moving_fmax));
  if (d.num_partitions() != m || d.elems_per_partition() != n)
    fail(fmt::format(
        "dst must be [{},{}] (stationary free size x moving free size), got {} partitions x {} elements", m,
        n, d.num_partitions(), d.elems_per_partition()));
  // Transpose mode (NeuronCore-v3+) passes data through bit-exactly, so a 16-bit input may land in
  // a 16-bit PSUM tile (an fp8 input as 16 bits with a zero upper byte).
  const bool bit_transpose = transpose && arch.nc_version >= 3;
  if (bit_transpose) {
    if (d.dtype != DType::float32 && dtype_size(d.dtype) != 2)
      fail(fmt::format("in transpose mode dst must be float32 or a 16-bit dtype, got {}",
                       dtype_name(d.dtype)));
    if (dtype_size(d.dtype) == 2 && dtype_size(st.dtype) == 2 && d.dtype != st.dtype)
      fail(fmt::format("in transpose mode a 16-bit dst must have the stationary's dtype {}, got {}",
                       dtype_name(st.dtype), dtype_name(d.dtype)));
    if (dtype_size(d.dtype) == 2 && dtype_size(st.dtype) == 4)
      fail(fmt::format("in transpose mode a {} stationary needs a float32 dst, got {}", dtype_name(st.dtype),
                       dtype_name(d.dtype)));
  } else if (d.dtype != DType::float32) {
    fail(fmt::format("dst must be float32 on {} (PSUM accumulates in fp32), got {}", arch.name,
                     dtype_name(d.dtype)));
  }
  auto is32 = [](DType t) { return t == DType::float32 || t == DType::tfloat32; };
  if (is32(st.dtype) != is32(mv.dtype))
    fail(fmt::format(
        "stationary is {} and moving is {}; if one operand is float32/tfloat32 the other must be too",
        dtype_name(st.dtype), dtype_name(mv.dtype)));
  for (DType t : {st.dtype, mv.dtype})
    if (is_integer(t)) fail(fmt::format("operands must be floating point, got {}", dtype_name(t)));
  if (n * dtype_size(d.dtype) > arch.psum_bank_bytes)
    fail(fmt::format("dst needs {} bytes per partition; a matmul writes within one PSUM bank ({} bytes)",
                     n * dtype_size(d.dtype), arch.psum_bank_bytes));
}

void Checker::check_nc_transpose() const {
  constexpr Roles R(Opcode::nc_transpose);
  const AccessPattern& d = operand(R("dst")).ap;
  const AccessPattern& s = operand(R("data")).ap;
  int64_t p = s.num_partitions(), f = s.elems_per_partition();
  if (d.num_partitions() != f || d.elems_per_partition() != p)
    fail(fmt::format("dst must be [{},{}] (data [{},{}] transposed), got {} partitions x {} elements", f, p,
                     p, f, d.num_partitions(), d.elems_per_partition()));
  if (d.dtype != s.dtype)
    fail(fmt::format("dst dtype {} must equal data dtype {}", dtype_name(d.dtype), dtype_name(s.dtype)));
  if (inst.engine == Engine::Tensor) {
    if (d.storage->buffer != Buffer::Psum || s.storage->buffer != Buffer::Sbuf)
      fail("on the Tensor Engine, data must be in sbuf and dst in psum");
    if (f > arch.num_partitions)
      fail(fmt::format("data has {} elements per partition; the maximum is {}", f, arch.num_partitions));
  } else if (p > 32 || f > 32) {
    fail(fmt::format("the Vector Engine transposes at most 32x32, got [{},{}]", p, f));
  }
}

}  // namespace verifier

void verify(const Kernel& k, const Arch& arch) {
  for (const auto& inst : k.body) verifier::Checker{inst, arch}.check();
}

}  // namespace nki

// Rules of the NeuronCore-v4 (trn3) instructions nki-library uses (nki-api.md §7.2, §7.3; the NKI
// documentation of nki.isa.exponential and nki.isa.quantize_mx): the target generation, operand
// shapes (MX groups of 8 partitions x 4 elements, the packed fp8 x4 dst, the scale layout) and
// dtypes.
#include "passes/verify_checker.h"

namespace nki::verifier {

void Checker::check_exponential() const {
  constexpr Roles R(Opcode::exponential);
  needs_generation(4);
  same_tile(R("dst"), R("src"));
  scalar_operand(R("max_value"), R("src"));
  if (is_tensor(R("reduce_res"))) vector_operand(R("reduce_res"), R("src"));
  scalar_operand(R("reduce_init"), R("src"));
  for (size_t i : {size_t{0}, size_t{1}})
    dtype_in(i, {DType::float8_e4m3, DType::float8_e5m2, DType::float16, DType::bfloat16, DType::float32,
                 DType::tfloat32, DType::int8, DType::int16, DType::int32, DType::uint8, DType::uint16});
  const std::string cmd = cmd_name();
  const Operand& init = operand(R("reduce_init"));
  const bool init_set = init.is_tensor() || (init.is_imm() && init.imm != 0.0);
  if (init_set && cmd != "load_reduce")
    fail(fmt::format("reduce_init must be unset or 0.0 unless reduce_cmd=load_reduce (reduce_cmd={})", cmd));
}

void Checker::check_quantize_mx() const {
  constexpr Roles R(Opcode::quantize_mx);
  needs_generation(4);
  dtype_in(R("src"), {DType::float16, DType::bfloat16});
  dtype_in(R("dst"), {DType::float8_e5m2_x4, DType::float8_e4m3fn_x4});
  dtype_in(R("dst_scale"), {DType::float8_e8m0fnu, DType::uint8});
  const AccessPattern& d = operand(R("dst")).ap;
  const AccessPattern& s = operand(R("src")).ap;
  const int64_t p = s.num_partitions(), f = s.elems_per_partition();
  if (p % 32 != 0)
    fail(
        fmt::format("src covers {} partitions; it must be a multiple of 32 (MX groups are 8 partitions x 4 "
                    "elements, scales per 32-partition quadrant)",
                    p));
  if (f % 4 != 0) fail(fmt::format("src has {} elements per partition; it must be a multiple of 4", f));
  if (d.num_partitions() != p || d.elems_per_partition() != f / 4)
    fail(
        fmt::format("dst must be [{},{}] (src [{},{}] packed 4 values per element), got {} partitions x {} "
                    "elements",
                    p, f / 4, p, f, d.num_partitions(), d.elems_per_partition()));
  mx_scale_tile(R("dst_scale"), p, f / 4, "src");
}

// The scale tile of a packed operand (or quantize_mx's src) of `partitions` partitions and `columns`
// packed elements per partition. The scale of 8-partition block b sits at partition b when
// partitions <= 32, else at (b / 4) * 32 + b % 4 (each quadrant's 4 scales in its first 4
// partitions), so the tile covers at least partitions / 8, resp. partitions - 28 partitions
// (kernels usually give it the operand's shape); it has at least `columns` elements per
// partition (more are allowed: tiles that pack several scales).
void Checker::mx_scale_tile(size_t scale, int64_t partitions, int64_t columns, const char* of) const {
  const AccessPattern& c = operand(scale).ap;
  const int64_t need = partitions > 32 ? partitions - 28 : partitions / 8;
  if (c.num_partitions() < need)
    fail(
        fmt::format("{} covers {} partitions; the scale of 8-partition block b of a {}-partition {} sits in "
                    "partition {}, so it needs at least {}",
                    role(scale), c.num_partitions(), partitions, of,
                    partitions > 32 ? "(b // 4) * 32 + b % 4" : "b", need));
  if (c.elems_per_partition() < columns)
    fail(fmt::format(
        "{} has {} elements per partition; it needs {} (one scale per 8 partitions x 4 values of {})",
        role(scale), c.elems_per_partition(), columns, of));
}

void Checker::check_nc_matmul_mx() const {
  constexpr Roles R(Opcode::nc_matmul_mx);
  needs_generation(4);
  for (size_t i : {size_t{1}, size_t{2}})
    dtype_in(i, {DType::float8_e5m2_x4, DType::float8_e4m3fn_x4, DType::float4_e2m1fn_x4});
  for (size_t i : {size_t{3}, size_t{4}}) dtype_in(i, {DType::float8_e8m0fnu, DType::uint8});
  dtype_in(R("dst"), {DType::float32, DType::bfloat16});
  const AccessPattern& d = operand(R("dst")).ap;
  const AccessPattern& st = operand(R("stationary")).ap;
  const AccessPattern& mv = operand(R("moving")).ap;
  const int64_t k = st.num_partitions(), m = st.elems_per_partition(), n = mv.elems_per_partition();
  if (mv.num_partitions() != k)
    fail(fmt::format(
        "stationary and moving must have the same contraction (partition) size; stationary has {}, "
        "moving has {}",
        k, mv.num_partitions()));
  if (k % 32 != 0)
    fail(
        fmt::format("the contraction (partition) size is {}; it must be a multiple of 32 (MX groups are 8 "
                    "partitions x 4 values, scales per 32-partition quadrant)",
                    k));
  if (m % 2 != 0 || m > arch.pe_cols)
    fail(fmt::format("stationary free size is {}; it must be even and at most {}", m, arch.pe_cols));
  const int64_t nmax = arch.psum_partition_bytes / dtype_size(d.dtype);
  if (n > nmax)
    fail(fmt::format("moving free size is {}; with a {} dst the maximum is {} (all {} PSUM banks)", n,
                     dtype_name(d.dtype), nmax, arch.psum_num_banks));
  if (d.num_partitions() != m || d.elems_per_partition() != n)
    fail(
        fmt::format("dst must be [{},{}] (stationary free size x moving free size), got {} partitions x {} "
                    "elements",
                    m, n, d.num_partitions(), d.elems_per_partition()));
  mx_scale_tile(R("stationary_scale"), k, m, "stationary");
  mx_scale_tile(R("moving_scale"), k, n, "moving");
  if (inst.has_attr("tile_rows")) {
    const int64_t rows = inst.attr_int("tile_rows"), cols = inst.attr_int("tile_cols");
    const int64_t r0 = inst.attr_int("tile_row"), c0 = inst.attr_int("tile_col");
    if (cols != arch.pe_cols || c0 != 0)
      fail(
          fmt::format("nc_matmul_mx tiles rows only: tile_size column_size must be {} and tile_position "
                      "start_column 0, got {} and {}",
                      arch.pe_cols, cols, c0));
    if (rows != 32 && rows != 64 && rows != 128)
      fail(fmt::format("tile_size row_size is {}; it must be 32, 64 or 128", rows));
    if (r0 < 0 || r0 % rows != 0 || r0 + rows > arch.pe_rows)
      fail(fmt::format(
          "tile_position start_row is {}; it must be a multiple of the tile size {} with the tile inside "
          "the {}-row array",
          r0, rows, arch.pe_rows));
    if (k > rows)
      fail(fmt::format("the contraction (partition) size is {}; the row tile holds {} (tile_size[0])", k,
                       rows));
  }
}

}  // namespace nki::verifier

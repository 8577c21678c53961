// Rules of the gather, sort-like and random-number instructions (nki-api.md §7.2, §7.7; the NKI
// 0.6 documentation of each): which generations and engines run them, operand shapes (8 values
// per partition, 16-partition groups, one more element for the count), dtypes (uint16/uint32
// indices, bf16 snakes, uint32 generator states) and the compile-time parameters.
#include "passes/verify_checker.h"

namespace nki::verifier {

namespace {

std::string generation(int v) {
  return fmt::format("NeuronCore-v{} ({})", v, v == 2 ? "trn1" : v == 3 ? "trn2" : "trn3");
}

}  // namespace

void Checker::needs_generation(int version) const {
  if (arch.nc_version < version)
    fail(
        fmt::format("needs {} or newer; the target is {}", generation(version), generation(arch.nc_version)));
}

void Checker::dtype_in(size_t i, std::initializer_list<DType> allowed) const {
  std::string names;
  size_t k = 0;
  for (DType t : allowed) {
    if (dtype(i) == t) return;
    names += (k == 0 ? "" : k + 1 == allowed.size() ? " or " : ", ") + std::string(dtype_name(t));
    ++k;
  }
  fail(fmt::format("{} is {}; it must be {}", role(i), dtype_name(dtype(i)), names));
}

void Checker::same_partitions(size_t a, size_t b) const {
  if (operand(a).ap.num_partitions() != operand(b).ap.num_partitions())
    fail(fmt::format("{} covers {} partitions and {} covers {}; they must match", role(a),
                     operand(a).ap.num_partitions(), role(b), operand(b).ap.num_partitions()));
}

void Checker::elems_per_partition(size_t i, int64_t n, const std::string& why) const {
  if (operand(i).ap.elems_per_partition() != n)
    fail(fmt::format("{} has {} elements per partition; {}", role(i), operand(i).ap.elems_per_partition(),
                     why));
}

void Checker::search_width(size_t i) const {
  const int64_t n = operand(i).ap.elems_per_partition();
  if (n < 8 || n > 16384)
    fail(fmt::format("{} has {} elements per partition; it must have 8 to 16384", role(i), n));
}

void Checker::check_max8() const {
  constexpr Roles R(Opcode::max8);
  search_width(R("src"));
  same_partitions(R("dst"), R("src"));
  elems_per_partition(R("dst"), 8, "max8 writes the 8 largest values of each partition");
}

void Checker::check_nc_find_index8() const {
  constexpr Roles R(Opcode::nc_find_index8);
  search_width(R("data"));
  same_partitions(R("dst"), R("data"));
  same_partitions(R("vals"), R("data"));
  elems_per_partition(R("vals"), 8, "vals holds the 8 values to find in each partition");
  elems_per_partition(R("dst"), 8, "dst receives the 8 indices of each partition");
  dtype_in(R("dst"), {DType::uint16, DType::uint32});
}

void Checker::check_nc_match_replace8() const {
  constexpr Roles R(Opcode::nc_match_replace8);
  same_tile(R("dst"), R("data"));
  same_partitions(R("vals"), R("data"));
  elems_per_partition(R("vals"), 8, "vals holds the 8 values to match in each partition");
  if (has(R("dst_idx"))) {
    same_partitions(R("dst_idx"), R("data"));
    elems_per_partition(R("dst_idx"), 8, "dst_idx receives the 8 indices of each partition");
    dtype_in(R("dst_idx"), {DType::uint16, DType::uint32});
  }
}

void Checker::check_nc_stream_shuffle() const {
  constexpr Roles R(Opcode::nc_stream_shuffle);
  if (dtype(R("dst")) != dtype(R("src")))
    fail(fmt::format("dst is {} and src is {}; the dtypes must match", dtype_name(dtype(R("dst"))),
                     dtype_name(dtype(R("src")))));
  if (operand(R("dst")).ap.elems_per_partition() != operand(R("src")).ap.elems_per_partition())
    fail(fmt::format("dst has {} elements per partition and src {}; they must match",
                     operand(R("dst")).ap.elems_per_partition(), operand(R("src")).ap.elems_per_partition()));
  const std::vector<int64_t> mask = parse_int_list(inst.attr_str("shuffle_mask"));
  if (mask.size() != 32) fail(fmt::format("shuffle_mask has {} entries; it must have 32", mask.size()));
  for (size_t i = 0; i < mask.size(); ++i)
    if ((mask[i] < 0 || mask[i] >= 32) && mask[i] != 255)
      fail(fmt::format("shuffle_mask[{}] = {}; entries must be 0..31 (a partition of the quadrant) or 255", i,
                       mask[i]));
  // Both accesses start where an access of the larger one's quadrant count may start.
  const int64_t active =
      (std::max(operand(R("dst")).ap.num_partitions(), operand(R("src")).ap.num_partitions()) + 31) / 32 * 32;
  for (size_t i : {size_t{0}, size_t{1}}) {
    const int64_t start = operand(i).ap.start_partition();
    const bool ok = active > 64 ? start == 0 : active > 32 ? (start == 0 || start == 64) : start % 32 == 0;
    if (!ok)
      fail(fmt::format("{} starts at partition {}; with {} active partitions both must start at {}", role(i),
                       start, active,
                       active > 64   ? "0"
                       : active > 32 ? "0 or 64"
                                     : "0, 32, 64 or 96"));
  }
}

void Checker::check_local_gather() const {
  constexpr Roles R(Opcode::local_gather);
  const AccessPattern& src = operand(R("src_buffer")).ap;
  const AccessPattern& index = operand(R("index")).ap;
  same_partitions(R("index"), R("src_buffer"));
  if (src.num_partitions() % 16 != 0)
    fail(fmt::format("src_buffer covers {} partitions; it must be a multiple of 16 (one GpSimd core each)",
                     src.num_partitions()));
  dtype_in(R("index"), {DType::uint16});
  if (dtype(R("dst")) != dtype(R("src_buffer")))
    fail(fmt::format("dst is {} and src_buffer is {}; local_gather does not convert dtypes",
                     dtype_name(dtype(R("dst"))), dtype_name(dtype(R("src_buffer")))));
  const int64_t per_elem = inst.attr_int("num_elem_per_idx");
  if (per_elem != 1 && per_elem != 2 && per_elem != 4 && per_elem != 8 && per_elem != 16 && per_elem != 32)
    fail(fmt::format("num_elem_per_idx is {}; it must be 1, 2, 4, 8, 16 or 32", per_elem));
  const int64_t per_core = 16 * index.elems_per_partition();
  if (per_core > 4096)
    fail(fmt::format("index gives each GpSimd core {} indices (16 partitions x {}); the maximum is 4096",
                     per_core, index.elems_per_partition()));
  const int64_t valid = inst.find_attr("num_valid_indices") ? inst.attr_int("num_valid_indices") : per_core;
  if (valid < 1 || valid > per_core)
    fail(fmt::format("num_valid_indices is {}; it must be 1 to {} (the indices of one core's 16 partitions)",
                     valid, per_core));
  same_partitions(R("dst"), R("src_buffer"));
  elems_per_partition(
      0, valid * per_elem,
      fmt::format("it must be num_valid_indices * num_elem_per_idx = {} * {}", valid, per_elem));
}

void Checker::check_nc_n_gather() const {
  constexpr Roles R(Opcode::nc_n_gather);
  same_partitions(R("data"), R("dst"));
  same_partitions(R("indices"), R("dst"));
  dtype_in(R("indices"), {DType::uint32});
  if (dtype(R("dst")) != dtype(R("data")))
    fail(fmt::format("dst is {} and data is {}; the dtypes must match", dtype_name(dtype(R("dst"))),
                     dtype_name(dtype(R("data")))));
  elems_per_partition(
      R("dst"), operand(R("indices")).ap.elems_per_partition(),
      fmt::format("it must match indices' {}", operand(R("indices")).ap.elems_per_partition()));
}

void Checker::check_nonzero_with_count() const {
  constexpr Roles R(Opcode::nonzero_with_count);
  needs_generation(3);
  same_partitions(R("dst"), R("src"));
  dtype_in(R("src"), {DType::float32, DType::int32});
  dtype_in(R("dst"), {DType::int32});
  elems_per_partition(R("dst"), operand(R("src")).ap.elems_per_partition() + 1,
                      "it must be one more than src's (for the count)");
}

void Checker::check_topk() const {
  constexpr Roles R(Opcode::topk);
  needs_generation(3);
  const AccessPattern& src = operand(R("src")).ap;
  if (src.num_partitions() % 16 != 0)
    fail(fmt::format("src covers {} partitions; it must be a multiple of 16 (one snake per 16 partitions)",
                     src.num_partitions()));
  same_partitions(R("val_dst"), R("src"));
  same_partitions(R("idx_dst"), R("src"));
  dtype_in(R("src"), {DType::bfloat16});
  dtype_in(R("val_dst"), {DType::bfloat16});
  dtype_in(R("idx_dst"), {DType::uint32});
  const int64_t n = inst.attr_int("n"), k = operand(R("val_dst")).ap.elems_per_partition();
  if (n < 8 || n >= 65536) fail(fmt::format("n is {}; it must be 8 <= n < 65536", n));
  if (k < 1 || k >= 32768 || k > n)
    fail(fmt::format(
        "val_dst asks for k = {} values (its elements per partition); it must be 1 <= k < 32768 and "
        "k <= n = {}",
        k, n));
  elems_per_partition(R("idx_dst"), k, fmt::format("it must match val_dst's k = {}", k));
  if (16 * src.elems_per_partition() < n)
    fail(fmt::format("src has {} columns, which hold {} snake elements; n = {} needs {}",
                     src.elems_per_partition(), 16 * src.elems_per_partition(), n, (n + 15) / 16));
}

void Checker::check_rng() const {
  constexpr Roles R(Opcode::rng);
  if (inst.engine == Engine::GpSimd && arch.nc_version < 3)
    fail(fmt::format("the GpSimd engine generates random numbers from {} on; on {} use the Vector engine",
                     generation(3), generation(arch.nc_version)));
  dtype_in(R("dst"), {DType::int8, DType::int16, DType::int32, DType::uint8, DType::uint16, DType::uint32});
}

void Checker::check_rand2() const {
  constexpr Roles R(Opcode::rand2);
  needs_generation(4);
  dtype_in(R("dst"), {DType::float8_e4m3, DType::float8_e5m2, DType::float16, DType::bfloat16, DType::float32,
                      DType::tfloat32, DType::int8, DType::int16, DType::int32, DType::uint8, DType::uint16,
                      DType::uint32});
  scalar_operand(R("min"), R("dst"));
  scalar_operand(R("max"), R("dst"));
  if (operand(R("min")).is_imm() && operand(R("max")).is_imm() &&
      !(operand(R("min")).imm < operand(R("max")).imm))
    fail(fmt::format("min = {} must be less than max = {}", operand(R("min")).imm, operand(R("max")).imm));
}

void Checker::check_set_rng_seed() const {
  constexpr Roles R(Opcode::set_rng_seed);
  if (operand(R("src_seeds")).ap.num_elements() != 1 || dtype_size(dtype(R("src_seeds"))) != 4)
    fail(fmt::format("src_seeds must be a [1,1] tensor of one 32-bit value, got {} {}",
                     dtype_name(dtype(R("src_seeds"))), shape_str(operand(R("src_seeds")).ap.shape())));
}

void Checker::generator_state() const {
  const bool gpsimd = inst.engine == Engine::GpSimd;
  needs_generation(3);
  if (!gpsimd && arch.nc_version < 4)
    fail(fmt::format("runs on the GpSimd engine on {}; the Vector engine needs {}",
                     generation(arch.nc_version), generation(4)));
  dtype_in(0, {DType::uint32});
  elems_per_partition(0, gpsimd ? 6 : 24,
                      fmt::format("the {} engine's XORWOW state is {} uint32 per partition",
                                  gpsimd ? "GpSimd" : "Vector", gpsimd ? 6 : 24));
}

void Checker::check_rand_set_state() const {
  generator_state();
}
void Checker::check_rand_get_state() const {
  generator_state();
}

}  // namespace nki::verifier

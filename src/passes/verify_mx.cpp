// Rules of the NeuronCore-v4 (trn3) instructions nki-library uses (nki-api.md §7.2, §7.3; the NKI
// documentation of nki.isa.exponential and nki.isa.quantize_mx): the target generation, operand
// shapes (MX groups of 8 partitions x 4 elements, the packed fp8 x4 dst, the scale layout) and
// dtypes.
#include "passes/verify_checker.h"

namespace nki::verifier {

void Checker::check_exponential() const {
  needs_generation(4);
  same_tile(0, 1);
  scalar_operand(2, 1);
  if (is_tensor(3)) vector_operand(3, 1);
  scalar_operand(4, 1);
  for (size_t i : {size_t{0}, size_t{1}})
    dtype_in(i, {DType::float8_e4m3, DType::float8_e5m2, DType::float16, DType::bfloat16, DType::float32,
                 DType::tfloat32, DType::int8, DType::int16, DType::int32, DType::uint8, DType::uint16});
  const std::string cmd = str_attr("reduce_cmd", "idle");
  const Operand& init = operand(4);
  const bool init_set = init.is_tensor() || (init.is_imm() && init.imm != 0.0);
  if (init_set && cmd != "load_reduce")
    fail(fmt::format("reduce_init must be unset or 0.0 unless reduce_cmd=load_reduce (reduce_cmd={})", cmd));
}

void Checker::check_quantize_mx() const {
  needs_generation(4);
  dtype_in(1, {DType::float16, DType::bfloat16});
  dtype_in(0, {DType::float8_e5m2_x4, DType::float8_e4m3fn_x4});
  dtype_in(2, {DType::float8_e8m0fnu, DType::uint8});
  const AccessPattern& d = operand(0).ap;
  const AccessPattern& s = operand(1).ap;
  const AccessPattern& c = operand(2).ap;
  const int64_t p = s.num_partitions(), f = s.elems_per_partition();
  if (p % 32 != 0)
    fail(fmt::format("src covers {} partitions; it must be a multiple of 32 (MX groups are 8 partitions x 4 "
                     "elements, scales per 32-partition quadrant)",
                     p));
  if (f % 4 != 0) fail(fmt::format("src has {} elements per partition; it must be a multiple of 4", f));
  if (d.num_partitions() != p || d.elems_per_partition() != f / 4)
    fail(fmt::format("dst must be [{},{}] (src [{},{}] packed 4 values per element), got {} partitions x {} "
                     "elements",
                     p, f / 4, p, f, d.num_partitions(), d.elems_per_partition()));
  const int64_t sp = p > 32 ? p : p / 8;
  if (c.num_partitions() != sp || c.elems_per_partition() != f / 4)
    fail(fmt::format("dst_scale must be [{},{}] (one scale per 8 partitions x 4 elements{}), got {} partitions x "
                     "{} elements",
                     sp, f / 4, p > 32 ? ", kept in the group's 32-partition quadrant" : "", c.num_partitions(),
                     c.elems_per_partition()));
}

}  // namespace nki::verifier

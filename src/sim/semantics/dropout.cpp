// dropout: each element of data is replaced by zero with probability prob (an immediate or the
// partition's value of a [P,1] tile), else copied bit-exactly (dst and data share the dtype).
// Element k of the row-major walk uses draw u = random_unit(seed, base + k) of the run's stream
// (semantics/common.h) and is dropped when u < prob: prob 0 keeps everything, prob 1 drops
// everything. No rescaling by 1/(1-prob): the NKI documentation describes only the zeroing.
#include <algorithm>

#include "sim/semantics/common.h"

namespace nki::sim {

void exec_dropout(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::dropout);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  check_same_size(dst, "dst", data, "data");
  NKI_CHECK(dst.dtype == data.dtype, "dropout reached the simulator with unverified dtypes");
  const int64_t parts = partitions_of(inst.operands[R("data")].ap);
  const ScalarOperand prob = read_scalar_operand(m, inst, R("prob"), parts, 0.0f);
  std::vector<uint8_t> bytes = m.gather(data);
  const auto es = static_cast<size_t>(data.esize);
  const auto n = static_cast<uint64_t>(data.size());
  const int64_t per = per_partition(data.size(), parts);
  const uint64_t base = m.take_draws(n);
  for (uint64_t k = 0; k < n; ++k)
    if (random_unit(m.random_seed(), base + k) < prob.at(static_cast<int64_t>(k) / per))
      std::fill_n(bytes.begin() + static_cast<std::ptrdiff_t>(k * es), es, uint8_t{0});
  m.scatter(dst, bytes.data());
}

}  // namespace nki::sim

// topk: each group of 16 partitions holds one problem in "snake" layout: element e of the group
// lives at partition 16g + e % 16, column e / 16; the first n elements are active. Per group the
// k largest (k = val_dst's elements per partition) are selected (ranks_above: NaN first, ties
// by lower snake index) and written in the same snake layout: result j at partition 16g + j % 16,
// column j / 16 of val_dst (the value) and idx_dst (its snake index, uint32). Only columns
// 0 .. ceil(k/16)-1 are written, each across all 16 partitions; the slots j >= k of the last
// column get NaN / 0xFFFFFFFF (what the hardware leaves there is not documented).
// Order: the documentation gives "ascending" for the default sorted=False and rank j at position
// j for sorted=True, so sorted=True writes descending values and the default ascending.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

#include "sim/semantics/common.h"
#include "support/dtype.h"

namespace nki::sim {

void exec_topk(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::topk);
  const Walk val = m.walk(inst, R("val_dst"));
  const Walk idx = m.walk(inst, R("idx_dst"));
  const Walk src = m.walk(inst, R("src"));
  const int64_t parts = partitions_of(inst.operands[R("src")].ap);
  const int64_t cols = per_partition(src.size(), parts);
  const int64_t k = per_partition(val.size(), parts);
  const int64_t n = inst.attr_int("n");
  const bool descending = inst.attr_bool("sorted");
  if (parts % 16 != 0 || n > 16 * cols || k > n || idx.size() != val.size())
    throw UserError("operand shapes do not fit the 16-partition snake (see the verifier's rules)");
  const std::vector<float> v = m.read_f32(src);
  std::vector<uint8_t> vout = m.gather(val, false);  // kept where not written: not a use
  std::vector<uint8_t> iout = m.gather(idx, false);
  const int64_t written = (k + 15) / 16;
  std::vector<int64_t> order(static_cast<size_t>(n));
  for (int64_t g = 0; g < parts / 16; ++g) {
    auto at = [&](int64_t e) { return v[(16 * g + e % 16) * cols + e / 16]; };
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + k, order.end(),
                      [&](int64_t a, int64_t b) { return ranks_above(at(a), a, at(b), b); });
    if (!descending) std::reverse(order.begin(), order.begin() + k);
    for (int64_t j = 0; j < written * 16; ++j) {
      const int64_t p = 16 * g + j % 16, c = j / 16;
      const float value = j < k ? at(order[j]) : std::numeric_limits<float>::quiet_NaN();
      const uint32_t index = j < k ? static_cast<uint32_t>(order[j]) : 0xFFFFFFFFu;
      store_from_f32(val.dtype, value, vout.data() + (p * k + c) * val.esize);
      std::memcpy(iout.data() + (p * k + c) * idx.esize, &index, static_cast<size_t>(idx.esize));
    }
  }
  m.scatter(val, vout.data());
  m.scatter(idx, iout.data());
}

}  // namespace nki::sim

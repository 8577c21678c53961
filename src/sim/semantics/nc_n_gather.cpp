// nc_n_gather: per partition, dst[p, j] = data[p, indices[p, j]] with data's free dims
// flattened (raw element bytes; dst has data's dtype). An index outside the row is reported.
#include <cstring>

#include "sim/semantics/common.h"

namespace nki::sim {

void exec_nc_n_gather(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::nc_n_gather);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  const Walk indices = m.walk(inst, R("indices"));
  const int64_t parts = partitions_of(inst.operands[R("data")].ap);
  const int64_t width = per_partition(data.size(), parts);
  const int64_t per = per_partition(indices.size(), parts);
  NKI_CHECK(dst.size() == indices.size(), "nc_n_gather reached the simulator with unverified shapes");
  const std::vector<uint32_t> ix = m.read_bits(indices);
  const std::vector<uint8_t> in = m.gather(data);
  std::vector<uint8_t> out(static_cast<size_t>(dst.size() * dst.esize));
  const int64_t es = data.esize;
  for (int64_t p = 0; p < parts; ++p)
    for (int64_t j = 0; j < per; ++j) {
      const int64_t x = ix[p * per + j];
      if (x >= width)
        throw UserError("indices[" + std::to_string(p) + ", " + std::to_string(j) +
                        "] = " + std::to_string(x) + " is outside data's " + std::to_string(width) +
                        " elements per partition");
      std::memcpy(out.data() + (p * per + j) * es, in.data() + (p * width + x) * es, static_cast<size_t>(es));
    }
  m.scatter(dst, out.data());
}

}  // namespace nki::sim

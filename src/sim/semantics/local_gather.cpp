// local_gather: GpSimd has 8 cores, each wired to 16 partitions. Core g reads its 16-partition
// slice of index partition-first (index[16g, 0], index[16g+1, 0], ..., index[16g, 1], ...: the
// documentation's flatten(order='F')), keeps the first num_valid_indices, and every partition p
// of its slice gathers, for each index x, the num_elem_per_idx elements src_buffer[p, x ...] of
// its own row (src_buffer's free dims flattened; x counts elements). No dtype conversion. The
// documentation leaves an index past the row undefined; the simulator reports it.
#include <cstring>

#include "sim/semantics/common.h"

namespace nki::sim {

void exec_local_gather(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::local_gather);
  const Walk dst = m.walk(inst, R("dst"));
  const Walk src = m.walk(inst, R("src_buffer"));
  const Walk index = m.walk(inst, R("index"));
  const int64_t parts = partitions_of(inst.operands[R("src_buffer")].ap);
  const int64_t width = per_partition(src.size(), parts);    // src elements per partition
  const int64_t icols = per_partition(index.size(), parts);  // index elements per partition
  const int64_t per_elem = inst.attr_int("num_elem_per_idx");
  const int64_t valid = inst.has_attr("num_valid_indices") ? inst.attr_int("num_valid_indices") : 16 * icols;
  if (parts % 16 != 0 || partitions_of(inst.operands[R("index")].ap) != parts)
    throw UserError("src_buffer and index must cover the same multiple of 16 partitions");
  if (dst.size() != parts * valid * per_elem)
    throw UserError("dst must hold num_valid_indices * num_elem_per_idx = " +
                    std::to_string(valid * per_elem) + " elements per partition");
  const std::vector<uint32_t> ix = m.read_bits(index);
  const std::vector<uint8_t> in = m.gather(src);
  std::vector<uint8_t> out(static_cast<size_t>(dst.size() * dst.esize));
  const int64_t es = src.esize;
  for (int64_t g = 0; g < parts / 16; ++g) {
    for (int64_t k = 0; k < valid; ++k) {
      const int64_t x = ix[(16 * g + k % 16) * icols + k / 16];
      if (x + per_elem > width)
        throw UserError("index " + std::to_string(x) + " (partition " + std::to_string(16 * g + k % 16) +
                        ", column " + std::to_string(k / 16) + ") reads elements " + std::to_string(x) +
                        ".." + std::to_string(x + per_elem - 1) + " of a " + std::to_string(width) +
                        "-element src_buffer row");
      for (int64_t p = 16 * g; p < 16 * g + 16; ++p)
        std::memcpy(out.data() + ((p * valid + k) * per_elem) * es, in.data() + (p * width + x) * es,
                    static_cast<size_t>(per_elem * es));
    }
  }
  m.scatter(dst, out.data());
}

}  // namespace nki::sim

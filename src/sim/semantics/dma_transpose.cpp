// dma_transpose: dst = src with its dims permuted by `axes` (default by rank: [1,0], [2,1,0],
// [3,1,2,0]): dst[o_0, ..., o_n] = src[s] with s[axes[i]] = o_i, a bit copy. A src gathered by
// vector_offset (the indirect "dma_gather_transpose") reads row indices[p] for leading index p;
// with oob_mode=skip, out-of-bounds rows are not transferred (dst keeps its values there).
#include <cstring>
#include <numeric>

#include "sim/semantics/common.h"

namespace nki::sim {

namespace {

std::vector<int64_t> dma_transpose_axes(const Instruction& inst, size_t rank) {
  if (inst.has_attr("axes")) return parse_int_list(inst.attr_str("axes"));  // "[3,1,2,0]"
  if (rank == 2) return {1, 0};
  if (rank == 3) return {2, 1, 0};
  if (rank == 4) return {3, 1, 2, 0};
  std::vector<int64_t> id(rank);
  std::iota(id.begin(), id.end(), 0);
  return id;
}

}  // namespace

void exec_dma_transpose(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::dma_transpose);
  const bool skip = inst.attr_str("oob_mode") == "skip";
  std::vector<uint8_t> src_ok;
  const Walk dst = m.walk(inst.operands.at(R("dst")).ap, "dst");
  const Walk src = m.walk(inst.operands.at(R("src")).ap, "src", skip ? &src_ok : nullptr);
  check_same_size(dst, "dst", src, "src");
  std::vector<int64_t> shape;
  for (const auto& d : inst.operands[R("src")].ap.dims) shape.push_back(d.num);
  const std::vector<int64_t> axes = dma_transpose_axes(inst, shape.size());
  if (axes.size() != shape.size()) throw UserError("axes do not match the rank of src");
  // dst strides (row-major over the permuted shape), indexed by the src dim they follow.
  std::vector<int64_t> stride_of_src_dim(shape.size(), 0);
  int64_t st = 1;
  for (size_t i = axes.size(); i-- > 0;) {
    stride_of_src_dim[static_cast<size_t>(axes[i])] = st;
    st *= shape[static_cast<size_t>(axes[i])];
  }
  const size_t es = static_cast<size_t>(src.esize);
  // Skipped (out-of-bounds) source elements are never read.
  std::vector<int64_t> valid;
  for (int64_t k = 0; k < src.size(); ++k)
    if (src_ok.empty() || src_ok[static_cast<size_t>(k)]) valid.push_back(k);
  const std::vector<uint8_t> packed = m.gather(src_ok.empty() ? src : src.subset(valid));
  std::vector<uint8_t> in(static_cast<size_t>(src.size()) * es);
  for (size_t i = 0; i < valid.size(); ++i)
    std::memcpy(in.data() + valid[i] * es, packed.data() + i * es, es);
  std::vector<uint8_t> out(in.size());
  std::vector<int64_t> dst_ks;
  std::vector<int64_t> idx(shape.size(), 0);
  for (int64_t k = 0; k < src.size(); ++k) {
    int64_t o = 0;
    for (size_t d = 0; d < shape.size(); ++d) o += idx[d] * stride_of_src_dim[d];
    if (src_ok.empty() || src_ok[static_cast<size_t>(k)])
      std::memcpy(out.data() + o * es, in.data() + k * es, es);
    else
      dst_ks.push_back(o);  // skipped: remembered to leave dst alone there
    for (size_t d = shape.size(); d-- > 0;) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  if (dst_ks.empty()) {
    m.scatter(dst, out.data());
    return;
  }
  std::vector<uint8_t> skipped(static_cast<size_t>(dst.size()), 0);
  for (int64_t o : dst_ks) skipped[static_cast<size_t>(o)] = 1;
  std::vector<int64_t> ks;
  std::vector<uint8_t> bytes;
  for (int64_t o = 0; o < dst.size(); ++o)
    if (!skipped[static_cast<size_t>(o)]) {
      ks.push_back(o);
      bytes.insert(bytes.end(), out.begin() + o * es, out.begin() + (o + 1) * es);
    }
  m.scatter(dst.subset(ks), bytes.data());
}

}  // namespace nki::sim

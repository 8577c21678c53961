// tensor_partition_reduce: dst[0, j] = op over the partitions p of data[p, j] on the GpSimd
// engine: add, maximum in fp32 (folded from partition 0), average = the fp32 sum / P, and
// bitwise_or / bitwise_and on the raw integer words.
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_tensor_partition_reduce(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::tensor_partition_reduce);
  const AluOp op = inst.attr_alu("op");
  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  const int64_t parts = partitions_of(inst.operands[R("data")].ap);
  const int64_t per = per_partition(data.size(), parts);
  NKI_CHECK(dst.size() == per, "tensor_partition_reduce reached the simulator with unverified shapes");
  if (per == 0) return;
  if (is_bitvec(op)) {
    const std::vector<uint32_t> v = m.read_bits(data);
    std::vector<uint32_t> out(v.begin(), v.begin() + per);
    for (int64_t p = 1; p < parts; ++p)
      for (int64_t j = 0; j < per; ++j) out[j] = apply_bitvec(op, out[j], v[p * per + j]);
    m.write_bits(dst, out.data());
    return;
  }
  const std::vector<float> v = m.read_f32(data);
  const AluOp fold = op == AluOp::Average ? AluOp::Add : op;
  std::vector<float> out(v.begin(), v.begin() + per);
  for (int64_t p = 1; p < parts; ++p)
    for (int64_t j = 0; j < per; ++j) out[j] = apply_alu(fold, out[j], v[p * per + j]);
  if (op == AluOp::Average)
    for (float& x : out) x /= static_cast<float>(parts);
  m.write_f32(dst, out.data());
}

}  // namespace nki::sim

// tensor_tensor_scan: per partition, r[i] = (data0[i] <op0> r[i-1]) <op1> data1[i] with r[-1]
// the initial value (immediate or [P,1] tile), fp32; reverse0 makes op0's operands
// (r[i-1], data0[i]), reverse1 makes op1's (data1[i], t). dst[i] = r[i].
#include "sim/semantics/common.h"

namespace nki::sim {

void exec_tensor_tensor_scan(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::tensor_tensor_scan);
  const AluOp op0 = inst.attr_alu("op0");
  const AluOp op1 = inst.attr_alu("op1");
  const bool rev0 = inst.attr_bool("reverse0");
  const bool rev1 = inst.attr_bool("reverse1");
  const Walk dst = m.walk(inst, R("dst"));
  const Walk d0 = m.walk(inst, R("data0"));
  const Walk d1 = m.walk(inst, R("data1"));
  check_same_size(d0, "data0", d1, "data1");
  check_same_size(dst, "dst", d0, "data0");
  const int64_t parts = partitions_of(inst.operands[R("data0")].ap);
  const ScalarOperand init = read_scalar_operand(m, inst, R("initial"), parts, 0.0f);
  std::vector<float> a = m.read_f32(d0);
  const std::vector<float> b = m.read_f32(d1);
  const int64_t per = per_partition(a.size(), parts);
  for (int64_t p = 0; p < parts; ++p) {
    float r = init.at(p);
    for (int64_t j = p * per; j < (p + 1) * per; ++j) {
      const float t = rev0 ? apply_alu(op0, r, a[j]) : apply_alu(op0, a[j], r);
      r = rev1 ? apply_alu(op1, b[j], t) : apply_alu(op1, t, b[j]);
      a[j] = r;
    }
  }
  m.write_f32(dst, a.data());
}

}  // namespace nki::sim

// tensor_scalar: t = data <op0> operand0 (operands swapped when reverse0), then, when op1 is
// given, dst = t <op1> operand1 (swapped when reverse1). Each operand is an immediate or a
// [P,1] tile whose value applies to every element of its partition. Arithmetic operators compute
// in fp32; bit-vector operators (both ops, the verifier checks) on raw integer words.
#include "sim/semantics/common.h"

namespace nki::sim {

namespace {

// Applies both stages to every row of v (one row per partition); T is float or uint32_t.
template <typename T, typename Operand, typename Apply0, typename Apply1>
void apply_rows(std::vector<T>& v, int64_t parts, const Operand& s0, const Operand& s1, bool rev0,
                bool has_op1, bool rev1, Apply0 apply0, Apply1 apply1) {
  for_each_row(v, parts, [&](int64_t p, std::span<T> row) {
    const T a0 = s0.at(p), a1 = s1.at(p);
    for (T& x : row) {
      T t = rev0 ? apply0(a0, x) : apply0(x, a0);
      if (has_op1) t = rev1 ? apply1(a1, t) : apply1(t, a1);
      x = t;
    }
  });
}

}  // namespace

void exec_tensor_scalar(Machine& m, const Instruction& inst) {
  constexpr Roles R(Opcode::tensor_scalar);
  const AluOp op0 = inst.attr_alu("op0");
  const bool has_op1 = inst.has_attr("op1");
  const AluOp op1 = has_op1 ? inst.attr_alu("op1") : AluOp::Bypass;
  const bool rev0 = inst.attr_bool("reverse0");
  const bool rev1 = inst.attr_bool("reverse1");

  const Walk dst = m.walk(inst, R("dst"));
  const Walk data = m.walk(inst, R("data"));
  check_same_size(dst, "dst", data, "data");
  const int64_t parts = partitions_of(inst.operands[R("data")].ap);

  if (is_bitvec(op0)) {
    const BitsOperand s0 = read_bits_operand(m, inst, R("operand0"), parts);
    const BitsOperand s1 = read_bits_operand(m, inst, R("operand1"), parts);
    std::vector<uint32_t> v = m.read_bits(data);
    auto f0 = [op0](uint32_t a, uint32_t b) { return apply_bitvec(op0, a, b); };
    auto f1 = [op1](uint32_t a, uint32_t b) { return apply_bitvec(op1, a, b); };
    apply_rows<uint32_t>(v, parts, s0, s1, rev0, has_op1, rev1, f0, f1);
    m.write_bits(dst, v.data());
    return;
  }
  const ScalarOperand s0 = read_scalar_operand(m, inst, R("operand0"), parts, 0.0f);
  const ScalarOperand s1 = read_scalar_operand(m, inst, R("operand1"), parts, 0.0f);
  std::vector<float> v = m.read_f32(data);
  auto f0 = [op0](float a, float b) { return apply_alu(op0, a, b); };
  auto f1 = [op1](float a, float b) { return apply_alu(op1, a, b); };
  apply_rows<float>(v, parts, s0, s1, rev0, has_op1, rev1, f0, f1);
  m.write_f32(dst, v.data());
}

}  // namespace nki::sim

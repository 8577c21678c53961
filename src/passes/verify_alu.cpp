// Rules of the ALU instructions (nki-api.md §7.4, §7.5, §8.1): operator classes (bit-vector
// operators need integer dtypes and the Vector engine; op0/op1 of one class), which engine runs
// which operator, scalar/vector operand shapes and dtypes, and the accumulator controls of activation and
// activate2.
#include "passes/verify_checker.h"

namespace nki::verifier {

namespace {

bool is_binary(AluOp op) {
  const AluKind k = alu_op_info(op).kind;
  return k == AluKind::Arith || k == AluKind::Bitvec;
}

std::string nl_name(AluOp op) {
  return "nl." + std::string(alu_op_info(op).name);
}

}  // namespace

void Checker::check_tensor_tensor() const {
  constexpr Roles R(Opcode::tensor_tensor);
  same_tile(R("data1"), R("data2"));
  same_tile(R("dst"), R("data1"));
  not_both_psum(R("data1"), R("data2"));
  const AluOp o = inst.attr_alu("op");
  if (!is_binary(o) || o == AluOp::Invert) fail(fmt::format("op={} is not a binary operator", nl_name(o)));
  if (is_bitvec(o)) {
    engine_in(ENG_VECTOR, fmt::format("bit-vector operator {} runs on the Vector engine", nl_name(o)));
    integer_dtypes({R("dst"), R("data1"), R("data2")},
                   fmt::format("bit-vector operator {} needs integer dtypes", nl_name(o)));
  }
  if (o == AluOp::Power) engine_in(ENG_GPSIMD, "nl.power runs on the GpSimd engine");
}

void Checker::check_tensor_scalar() const {
  constexpr Roles R(Opcode::tensor_scalar);
  same_tile(R("dst"), R("data"));
  scalar_operand(R("operand0"), R("data"));
  scalar_operand(R("operand1"), R("data"));
  const AluOp op0 = inst.attr_alu("op0");
  const std::optional<AluOp> op1 = alu_attr("op1");
  for (AluOp o : {op0, op1.value_or(op0)})
    if (o == AluOp::Average) fail("nl.average is only a tensor_partition_reduce operator");
  if (op1 && alu_op_info(*op1).kind == AluKind::Unary)
    fail(fmt::format("op1={} is a unary operator; only op0 may be unary", nl_name(*op1)));
  const bool bitvec = is_bitvec(op0);
  if (op1 && is_bitvec(*op1) != bitvec)
    fail(fmt::format("op0={} and op1={} must both be bit-vector or both arithmetic operators", nl_name(op0),
                     nl_name(*op1)));
  if (bitvec) {
    engine_in(ENG_VECTOR, "bit-vector operators run on the Vector engine");
    integer_dtypes({R("dst"), R("data"), R("operand0"), R("operand1")},
                   "bit-vector operators need integer dtypes");
    for (size_t i : {R("operand0"), R("operand1")})
      if (operand(i).is_imm() && operand(i).imm != static_cast<double>(static_cast<int64_t>(operand(i).imm)))
        fail(fmt::format("{}={} must be an integer for a bit-vector operator", role(i), operand(i).imm));
    return;
  }
  for (size_t i : {R("operand0"), R("operand1")})
    if (is_tensor(i) && dtype(i) != DType::float32)
      fail(fmt::format("{} is {}; the operands of arithmetic operators must be float32", role(i),
                       dtype_name(dtype(i))));
  if (inst.engine == Engine::Scalar) {
    if (arch.nc_version < 3) fail("the Scalar engine runs tensor_scalar from NeuronCore-v3 (trn2) on");
    const bool ok = (op0 == AluOp::Multiply && (!op1 || *op1 == AluOp::Add)) || (op0 == AluOp::Add && !op1);
    if (!ok)
      fail(fmt::format(
          "the Scalar engine supports op0=nl.multiply with op1=nl.add or None, or op0=nl.add with "
          "op1=None; got op0={}, op1={}",
          nl_name(op0), op1 ? nl_name(*op1) : "None"));
  }
  if (inst.engine == Engine::GpSimd && !(op0 == AluOp::Rsqrt && !op1))
    fail("the GpSimd engine runs tensor_scalar only for op0=nl.rsqrt (with op1=None)");
}

void Checker::check_tensor_copy() const {
  constexpr Roles R(Opcode::tensor_copy);
  same_tile(R("dst"), R("src"));
  if (inst.engine == Engine::Scalar && arch.nc_version < 3)
    fail("the Scalar engine cannot run tensor_copy on NeuronCore-v2 (trn1); use activation(op=nl.copy)");
}

void Checker::check_activation() const {
  constexpr Roles R(Opcode::activation);
  same_tile(R("dst"), R("data"));
  scalar_operand(R("bias"), R("data"));
  scalar_operand(R("scale"), R("data"));
  if (operand(R("bias")).is_imm() && arch.nc_version < 3)
    fail("bias must be a [P,1] tensor on NeuronCore-v2 (trn1); a scalar bias needs NeuronCore-v3 (trn2)");
  if (is_tensor(R("bias")) && dtype(R("bias")) == DType::tfloat32) fail("bias cannot be tfloat32");
  if (is_tensor(R("scale")) && dtype(R("scale")) != DType::float32)
    fail(fmt::format("scale is {}; a scale tensor must be float32", dtype_name(dtype(R("scale")))));
  if (has(R("reduce_res"))) vector_operand(R("reduce_res"), R("data"));
  if (inst.attr_act("op") == ActFn::Prelu)
    fail("op=nl.prelu takes its slope from relu_param, which activation has not; use nisa.activate2 (trn3)");
  const std::string cmd = cmd_name();
  if (cmd == "load_reduce")
    fail("reduce_cmd=load_reduce is not an activation command (idle, reset, reduce, reset_reduce)");
  const std::optional<AluOp> rop = alu_attr("reduce_op");
  if (rop && *rop != AluOp::Add) fail(fmt::format("reduce_op must be nl.add, got {}", nl_name(*rop)));
  const bool reduces = cmd == "reduce" || cmd == "reset_reduce";
  if (reduces && !rop) fail(fmt::format("reduce_cmd={} needs reduce_op=nl.add", cmd));
}

// activate2 (nki-api.md §7.4): trn3; the tensor-scalar stage takes one of six (op0, op1) pairs,
// the reduction one of five operators.
void Checker::check_activate2() const {
  constexpr Roles R(Opcode::activate2);
  needs_generation(4);
  same_tile(R("dst"), R("data"));
  for (size_t i : {R("imm0"), R("imm1"), R("relu_param")}) scalar_operand(i, R("data"));
  if (is_tensor(R("imm0")) && is_tensor(R("imm1")) && dtype(R("imm0")) != dtype(R("imm1")))
    fail(fmt::format("imm0 is {} and imm1 is {}; tensor immediates must have the same dtype",
                     dtype_name(dtype(R("imm0"))), dtype_name(dtype(R("imm1")))));
  const AluOp op0 = inst.attr_alu("op0"), op1 = inst.attr_alu("op1");
  using A = AluOp;
  const bool pair_ok = (op0 == A::Multiply && (op1 == A::Add || op1 == A::Subtract || op1 == A::Bypass)) ||
                       ((op0 == A::Add || op0 == A::Subtract || op0 == A::Bypass) && op1 == A::Bypass);
  if (!pair_ok)
    fail(fmt::format(
        "op0={} with op1={} is not a tensor-scalar pair of activate2 (multiply then add, subtract or "
        "bypass; add, subtract or bypass then bypass)",
        nl_name(op0), nl_name(op1)));
  if (inst.attr_bool("reverse0") && op0 == A::Bypass) fail("reverse0 needs an op0 (op0 is bypass)");
  if (inst.attr_bool("reverse1") && op1 == A::Bypass) fail("reverse1 needs an op1 (op1 is bypass)");
  if (has(R("reduce_res"))) vector_operand(R("reduce_res"), R("data"));
  const std::string cmd = cmd_name();
  if (cmd == "load_reduce")
    fail("reduce_cmd=load_reduce is not an activation command (idle, reset, reduce, reset_reduce)");
  const std::optional<AluOp> rop = alu_attr("reduce_op");
  if (rop && *rop != A::Add && *rop != A::Maximum && *rop != A::Minimum && *rop != A::AbsMax &&
      *rop != A::AbsMin)
    fail(fmt::format("reduce_op={} is not an activate2 reduction (add, maximum, minimum, abs_max, abs_min)",
                     nl_name(*rop)));
  if ((cmd == "reduce" || cmd == "reset_reduce") && !rop)
    fail(fmt::format("reduce_cmd={} needs a reduce_op", cmd));
}

}  // namespace nki::verifier

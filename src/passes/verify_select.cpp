// Rules of the selection, scan and random instructions (nki-api.md §7.5-§7.7, NKI 0.6.0
// docstrings): tensor_scalar_cumulative, select_reduce, range_select, dropout and sequence_bounds
// — which operators each accepts, their [P,1] operands and read-outs, dtypes, accumulator
// commands and target generations.
#include <cfloat>

#include "passes/verify_checker.h"

namespace nki::verifier {

namespace {

std::string nl_name(AluOp op) {
  return "nl." + std::string(alu_op_info(op).name);
}

// The accumulator commands `ok` (in the documentation's order) accept `cmd`, else fail.
void reduce_cmd_in(const Checker& c, const std::string& cmd, std::initializer_list<const char*> ok) {
  std::string list;
  for (const char* o : ok) {
    if (cmd == o) return;
    list += (list.empty() ? "" : ", ") + std::string(o);
  }
  c.fail(fmt::format("reduce_cmd={} is not supported ({})", cmd, list));
}

void reduce_op_is_max(const Checker& c) {
  const AluOp r = c.inst.attr_alu("reduce_op");
  if (r != AluOp::Maximum) c.fail(fmt::format("reduce_op must be nl.maximum, got {}", nl_name(r)));
}

}  // namespace

void Checker::check_tensor_scalar_cumulative() const {
  constexpr Roles R(Opcode::tensor_scalar_cumulative);
  same_tile(R("dst"), R("src"));
  scalar_operand(R("imm0"), R("src"));
  scalar_operand(R("imm1"), R("src"));
  arithmetic_ops({"op0"});
  const AluOp op1 = inst.attr_alu("op1");
  if (op1 != AluOp::Add && op1 != AluOp::Subtract && op1 != AluOp::Multiply && op1 != AluOp::Maximum &&
      op1 != AluOp::Minimum)
    fail(
        fmt::format("op1={} is not a cumulative operator (nl.add, nl.subtract, nl.multiply, nl.maximum, "
                    "nl.minimum)",
                    nl_name(op1)));
  for (size_t i : {size_t{0}, size_t{1}}) {
    const DType t = dtype(i);
    if (t == DType::int32 || t == DType::uint32 || t == DType::tfloat32 || t == DType::bool_)
      fail(fmt::format(
          "{} is {}; the supported dtypes are bfloat16, float16, float32, fp8, uint8, uint16, int8 "
          "and int16",
          role(i), dtype_name(t)));
  }
  for (size_t i : {size_t{2}, size_t{3}})
    if (is_tensor(i) && dtype(i) != DType::float32)
      fail(fmt::format("{} is {}; it must be float32", role(i), dtype_name(dtype(i))));
  const std::string cmd = cmd_name();
  reduce_cmd_in(*this, cmd, {"reset_reduce", "reduce", "load_reduce"});
  if (cmd == "load_reduce" && !has(R("imm1")))
    fail("reduce_cmd=load_reduce needs imm1, the accumulators' initial value");
}

void Checker::check_select_reduce() const {
  constexpr Roles R(Opcode::select_reduce);
  same_tile(R("dst"), R("on_true"));
  same_tile(R("on_true"), R("predicate"));
  not_both_psum(R("on_true"), R("predicate"));
  scalar_operand(R("on_false"), R("on_true"));
  const DType p = dtype(R("predicate"));
  if (p != DType::int8 && p != DType::uint8 && p != DType::int16 && p != DType::uint16)
    fail(fmt::format("predicate is {}; it must be int8, uint8, int16 or uint16", dtype_name(p)));
  const DType t = dtype(R("on_true"));
  if (t == DType::tfloat32 || t == DType::int32 || t == DType::uint32)
    fail(fmt::format("on_true is {}; any dtype but tfloat32, int32 and uint32 is supported", dtype_name(t)));
  if (has(R("reduce_res"))) {
    vector_operand(R("reduce_res"), R("on_true"));
    if (!is_float(dtype(R("reduce_res"))))
      fail(fmt::format("reduce_res is {}; it must be a float dtype", dtype_name(dtype(R("reduce_res")))));
  }
  reduce_op_is_max(*this);
  reduce_cmd_in(*this, cmd_name(), {"idle", "reset_reduce", "reduce"});
}

void Checker::check_range_select() const {
  constexpr Roles R(Opcode::range_select);
  if (arch.nc_version < 3)
    fail(fmt::format("available on NeuronCore-v3 (trn2) and newer only; the target is {}", arch.name));
  same_tile(R("dst"), R("on_true_tile"));
  for (size_t i : {size_t{2}, size_t{3}}) {
    vector_operand(i, 1);
    if (dtype(i) != DType::float32)
      fail(fmt::format("{} is {}; it must be float32", role(i), dtype_name(dtype(i))));
  }
  if (!is_float(dtype(R("on_true_tile"))))
    fail(fmt::format("on_true_tile is {}; it must be a float dtype", dtype_name(dtype(R("on_true_tile")))));
  if (has(R("reduce_res"))) vector_operand(R("reduce_res"), R("on_true_tile"));
  for (const char* a : {"comp_op0", "comp_op1"}) {
    const AluOp o = inst.attr_alu(a);
    if (o != AluOp::Equal && o != AluOp::Less && o != AluOp::LessEqual && o != AluOp::Greater &&
        o != AluOp::GreaterEqual)
      fail(fmt::format("{}={} is not one of nl.equal, nl.less, nl.less_equal, nl.greater, nl.greater_equal",
                       a, nl_name(o)));
  }
  reduce_op_is_max(*this);
  reduce_cmd_in(*this, cmd_name(), {"idle", "reset", "reduce", "reset_reduce"});
  const double fill = inst.attr_float("on_false_value");
  if (static_cast<float>(fill) != -FLT_MAX)
    fail(fmt::format(
        "on_false_value={} is not supported; the hardware fills with FP32_MIN (-3.4028235e+38) only", fill));
  const int64_t start = inst.attr_int("range_start");
  const int64_t last = start + operand(R("on_true_tile")).ap.elems_per_partition() - 1;
  if (start < -(int64_t{1} << 24) || last > (int64_t{1} << 24))
    fail(fmt::format(
        "range_start={} puts free indices up to {} beyond 2^24, where fp32 comparisons are inexact", start,
        last));
}

void Checker::check_dropout() const {
  constexpr Roles R(Opcode::dropout);
  same_tile(R("dst"), R("data"));
  scalar_operand(R("prob"), R("data"));
  if (dtype(R("dst")) != dtype(R("data")))
    fail(fmt::format("dst is {} and data is {}; they must have the same dtype", dtype_name(dtype(R("dst"))),
                     dtype_name(dtype(R("data")))));
  if (is_tensor(R("prob"))) {
    if (is_integer(dtype(R("data"))) && dtype(R("prob")) != DType::float32)
      fail(fmt::format("prob is {}; with integer data it must be float32", dtype_name(dtype(R("prob")))));
    if (!is_float(dtype(R("prob"))))
      fail(fmt::format("prob is {}; it must be a float dtype", dtype_name(dtype(R("prob")))));
  } else if (!(operand(R("prob")).imm >= 0.0 && operand(R("prob")).imm <= 1.0)) {
    fail(fmt::format("prob={} is not a probability (0 to 1)", operand(R("prob")).imm));
  }
}

void Checker::check_sequence_bounds() const {
  constexpr Roles R(Opcode::sequence_bounds);
  const AccessPattern& d = operand(R("dst")).ap;
  const AccessPattern& s = operand(R("segment_ids")).ap;
  if (s.num_partitions() != 1)
    fail(fmt::format("segment_ids covers {} partitions; its partition dimension must be 1",
                     s.num_partitions()));
  if (d.num_partitions() != 1 || d.elems_per_partition() != 2 * s.elems_per_partition())
    fail(fmt::format(
        "dst must be [1,2,{}] (a start and an end per segment id), got {} partitions x {} elements",
        s.elems_per_partition(), d.num_partitions(), d.elems_per_partition()));
  for (size_t i : {size_t{0}, size_t{1}})
    if (dtype(i) != DType::float32 && dtype(i) != DType::int32)
      fail(fmt::format("{} is {}; it must be float32 or int32", role(i), dtype_name(dtype(i))));
}

}  // namespace nki::verifier

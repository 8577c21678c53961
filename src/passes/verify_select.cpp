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
  same_tile(0, 1);
  scalar_operand(2, 1);
  scalar_operand(3, 1);
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
  if (cmd == "load_reduce" && !has(3))
    fail("reduce_cmd=load_reduce needs imm1, the accumulators' initial value");
}

void Checker::check_select_reduce() const {
  same_tile(0, 2);
  same_tile(2, 1);
  not_both_psum(2, 1);
  scalar_operand(3, 2);
  const DType p = dtype(1);
  if (p != DType::int8 && p != DType::uint8 && p != DType::int16 && p != DType::uint16)
    fail(fmt::format("predicate is {}; it must be int8, uint8, int16 or uint16", dtype_name(p)));
  const DType t = dtype(2);
  if (t == DType::tfloat32 || t == DType::int32 || t == DType::uint32)
    fail(fmt::format("on_true is {}; any dtype but tfloat32, int32 and uint32 is supported", dtype_name(t)));
  if (has(4)) {
    vector_operand(4, 2);
    if (!is_float(dtype(4)))
      fail(fmt::format("reduce_res is {}; it must be a float dtype", dtype_name(dtype(4))));
  }
  reduce_op_is_max(*this);
  reduce_cmd_in(*this, cmd_name(), {"idle", "reset_reduce", "reduce"});
}

void Checker::check_range_select() const {
  if (arch.nc_version < 3)
    fail(fmt::format("available on NeuronCore-v3 (trn2) and newer only; the target is {}", arch.name));
  same_tile(0, 1);
  for (size_t i : {size_t{2}, size_t{3}}) {
    vector_operand(i, 1);
    if (dtype(i) != DType::float32)
      fail(fmt::format("{} is {}; it must be float32", role(i), dtype_name(dtype(i))));
  }
  if (!is_float(dtype(1)))
    fail(fmt::format("on_true_tile is {}; it must be a float dtype", dtype_name(dtype(1))));
  if (has(4)) vector_operand(4, 1);
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
  const int64_t last = start + operand(1).ap.elems_per_partition() - 1;
  if (start < -(int64_t{1} << 24) || last > (int64_t{1} << 24))
    fail(fmt::format(
        "range_start={} puts free indices up to {} beyond 2^24, where fp32 comparisons are inexact", start,
        last));
}

void Checker::check_dropout() const {
  same_tile(0, 1);
  scalar_operand(2, 1);
  if (dtype(0) != dtype(1))
    fail(fmt::format("dst is {} and data is {}; they must have the same dtype", dtype_name(dtype(0)),
                     dtype_name(dtype(1))));
  if (is_tensor(2)) {
    if (is_integer(dtype(1)) && dtype(2) != DType::float32)
      fail(fmt::format("prob is {}; with integer data it must be float32", dtype_name(dtype(2))));
    if (!is_float(dtype(2))) fail(fmt::format("prob is {}; it must be a float dtype", dtype_name(dtype(2))));
  } else if (!(operand(2).imm >= 0.0 && operand(2).imm <= 1.0)) {
    fail(fmt::format("prob={} is not a probability (0 to 1)", operand(2).imm));
  }
}

void Checker::check_sequence_bounds() const {
  const AccessPattern& d = operand(0).ap;
  const AccessPattern& s = operand(1).ap;
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

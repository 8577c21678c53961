// The ALU and activation tables against their semantics: every operator and function name the
// specializer accepts (lang/ops.h) is in the ir tables and implemented by sim/alu.h; the
// bit-vector operators on 32-bit words; the raw integer load/store of support/dtype.h.
#include "sim/alu.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "ir/ops.h"
#include "lang/ops.h"
#include "support/dtype.h"

namespace nki::test {
namespace {

TEST(AluTable, EveryAcceptedNameParses) {
  for (const auto& name : lang::supported_alu_ops()) {
    const auto op = parse_alu_op(name);
    ASSERT_TRUE(op.has_value()) << name;
    EXPECT_EQ(alu_op_info(*op).name, name);
  }
  for (const auto& name : lang::supported_activations()) EXPECT_TRUE(parse_act_fn(name).has_value()) << name;
  // Every ALU operator and activation function of nki-api.md §8.1/§8.2 is accepted; prelu takes
  // its slope from activate2's relu_param (activation rejects it in the verifier).
  for (const char* name : {"add",         "subtract",    "multiply",      "divide",      "maximum",
                           "minimum",     "power",       "equal",         "not_equal",   "less",
                           "less_equal",  "greater",     "greater_equal", "logical_and", "logical_or",
                           "logical_xor", "logical_not", "bitwise_and",   "bitwise_or",  "bitwise_xor",
                           "invert",      "left_shift",  "right_shift",   "abs_max",     "abs_min",
                           "bypass",      "average",     "abs",           "rsqrt",       "reciprocal",
                           "mod"})
    EXPECT_TRUE(lang::is_supported_alu_op(name)) << name;
  EXPECT_TRUE(lang::is_supported_activation("prelu"));
  EXPECT_EQ(sim::apply_act(ActFn::Prelu, -2.0f, 0.25f), -0.5f);
  EXPECT_EQ(sim::apply_act(ActFn::Prelu, 3.0f, 0.25f), 3.0f);
}

TEST(AluTable, ArithmeticOperatorsAreImplemented) {
  for (const auto& info : all_alu_ops()) {
    if (info.kind == AluKind::Bitvec) continue;
    EXPECT_FALSE(std::isnan(sim::apply_alu(info.op, 6.0f, 3.0f))) << info.name;
  }
  for (const auto& info : all_act_fns()) EXPECT_FALSE(std::isnan(sim::apply_act(info.fn, 0.5f))) << info.name;
}

TEST(Bitvec, WordSemantics) {
  using sim::apply_bitvec;
  EXPECT_EQ(apply_bitvec(AluOp::BitwiseAnd, 0xF0F0F0F0u, 0xFF00FF00u), 0xF000F000u);
  EXPECT_EQ(apply_bitvec(AluOp::BitwiseOr, 0x1u, 0x80000000u), 0x80000001u);
  EXPECT_EQ(apply_bitvec(AluOp::BitwiseXor, 0xFFFFFFFFu, 0x1u), 0xFFFFFFFEu);
  EXPECT_EQ(apply_bitvec(AluOp::Invert, 0x0u, 0x1234u), 0xFFFFFFFFu);
  EXPECT_EQ(apply_bitvec(AluOp::LeftShift, 0x80000001u, 1), 0x2u);
  EXPECT_EQ(apply_bitvec(AluOp::RightShift, 0x80000000u, 31), 0x1u);  // logical
  EXPECT_EQ(apply_bitvec(AluOp::RightShift, 0xFFFFFFFFu, 32), 0x0u);
  EXPECT_EQ(apply_bitvec(AluOp::LeftShift, 0x1u, 40), 0x0u);
}

TEST(Bitvec, RawLoadsAndStores) {
  const int8_t i8 = -2;
  EXPECT_EQ(load_bits32(DType::int8, &i8), 0xFFFFFFFEu);
  const uint8_t u8 = 0xFE;
  EXPECT_EQ(load_bits32(DType::uint8, &u8), 0xFEu);
  const int16_t i16 = -32768;
  EXPECT_EQ(load_bits32(DType::int16, &i16), 0xFFFF8000u);
  const uint32_t u32 = 0x89ABCDEFu;
  EXPECT_EQ(load_bits32(DType::uint32, &u32), 0x89ABCDEFu);
  uint8_t out[4] = {0, 0, 0, 0};
  store_bits32(DType::int16, 0x12345678u, out);
  EXPECT_EQ(out[0], 0x78);
  EXPECT_EQ(out[1], 0x56);
  EXPECT_EQ(out[2], 0);  // only the dtype's width is written
}

TEST(Alu, ReductionIdentities) {
  EXPECT_EQ(sim::reduce_identity(AluOp::Add), 0.0f);
  EXPECT_EQ(sim::reduce_identity(AluOp::Multiply), 1.0f);
  EXPECT_EQ(sim::reduce_identity(AluOp::Maximum), -INFINITY);
  EXPECT_EQ(sim::reduce_identity(AluOp::Minimum), INFINITY);
}

}  // namespace
}  // namespace nki::test

// The IR: ops.def table, access-pattern arithmetic and the text form of access patterns.
#include <gtest/gtest.h>

#include <limits>

#include "ir/kernel.h"

namespace nki {
namespace {

TEST(Ops, TableFromOpsDef) {
  const OpInfo& mm = op_info(Opcode::nc_matmul);
  EXPECT_EQ(mm.name, "nc_matmul");
  EXPECT_EQ(mm.engines, static_cast<uint32_t>(ENG_TENSOR));
  ASSERT_EQ(mm.operands.size(), 3u);
  EXPECT_EQ(mm.operands[0].name, "dst");
  EXPECT_EQ(mm.operands[0].buffers, BUF_PSUM);
  EXPECT_EQ(mm.operands[1].buffers, BUF_SBUF);
  const OpInfo& ts = op_info(Opcode::tensor_scalar);
  EXPECT_TRUE(ts.operands[3].optional);
  EXPECT_FALSE(ts.operands[1].optional);
  EXPECT_EQ(operand_index(Opcode::tensor_scalar, "operand1"), 3);
  EXPECT_EQ(operand_index(Opcode::tensor_scalar, "nope"), -1);
  EXPECT_EQ(parse_opcode("tensor_tensor"), Opcode::tensor_tensor);
  EXPECT_FALSE(parse_opcode("tensor_tensr").has_value());
  EXPECT_EQ(parse_engine("gpsimd"), Engine::GpSimd);
}

// Roles resolves role names when the code compiles, to the indices the run-time table gives.
TEST(Ops, RolesAtCompileTimeMatchTheTable) {
  static_assert(Roles{Opcode::nc_matmul}("moving") == 2);
  static_assert(Roles{Opcode::activation}("reduce_res") == 4);  // '>' and '?' are not part of the name
  static_assert(Roles{Opcode::dma_compute}("src15") == 16);     // src1 is not a prefix match
  static_assert(Roles{Opcode::tensor_scalar}("operand1") == 3);
  // The compile-time parser finds every role of every opcode where the run-time table has it.
  for (const OpInfo& info : all_ops()) {
    const std::string_view spec = ops_detail::kOperandSpecs[static_cast<size_t>(info.opcode)];
    for (size_t i = 0; i < info.operands.size(); ++i)
      EXPECT_EQ(ops_detail::role_position(spec, info.operands[i].name), i) << info.name;
    EXPECT_EQ(ops_detail::role_position(spec, "nope"), std::string_view::npos) << info.name;
  }
}

// Which operands an instruction writes is declared in ops.def ('>'), not guessed from role names.
TEST(Ops, WrittenOperandsComeFromOpsDef) {
  auto written = [](Opcode op) {
    std::vector<std::string> names;
    for (const OperandRole& r : op_info(op).operands)
      if (r.written) names.push_back(r.name);
    return names;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(written(Opcode::tensor_tensor), V{"dst"});
  EXPECT_EQ(written(Opcode::activation), (V{"dst", "reduce_res"}));
  EXPECT_EQ(written(Opcode::topk), (V{"val_dst", "idx_dst"}));
  EXPECT_EQ(written(Opcode::nc_match_replace8), (V{"dst", "dst_idx"}));
  EXPECT_EQ(written(Opcode::core_barrier), V{"data"});  // every later access waits for it
  EXPECT_EQ(written(Opcode::set_rng_seed), V{});
  EXPECT_EQ(written(Opcode::device_print), V{});
  Instruction inst;
  inst.op = Opcode::quantize_mx;
  EXPECT_TRUE(inst.writes(0));
  EXPECT_FALSE(inst.writes(1));
  EXPECT_TRUE(inst.writes(2));   // dst_scale
  EXPECT_FALSE(inst.writes(3));  // past the roles
}

struct Fixture : ::testing::Test {
  Kernel k;
  Storage& sbuf = k.add_storage("t", Buffer::Sbuf, DType::float32, {128, 4, 64}, {});
  Storage& hbm = k.add_storage("a", Buffer::PrivateHbm, DType::bfloat16, {4, 256, 64}, {});
  Fixture() { hbm.is_argument = true; }  // arguments print without '%'
};

TEST_F(Fixture, UniqueStorageNames) {
  EXPECT_EQ(k.add_storage("t", Buffer::Sbuf, DType::float32, {1, 1}, {}).name, "t.1");
  EXPECT_EQ(k.add_storage("t", Buffer::Sbuf, DType::float32, {1, 1}, {}).name, "t.2");
  EXPECT_EQ(k.add_storage("", Buffer::Sbuf, DType::float32, {1, 1}, {}).name, "t.3");
}

TEST_F(Fixture, StorageSizes) {
  EXPECT_EQ(sbuf.partitions(), 128);
  EXPECT_EQ(sbuf.partition_bytes(), 4 * 64 * 4);
  EXPECT_EQ(hbm.partitions(), 1);
  EXPECT_EQ(hbm.total_bytes(), 4 * 256 * 64 * 2);
  EXPECT_EQ(sbuf.type_str(), "f32[128,4,64]");
}

TEST_F(Fixture, AccessPatternGeometry) {
  AccessPattern ap = AccessPattern::whole(sbuf);
  EXPECT_EQ(ap.dims, (std::vector<ApDim>{{256, 128}, {64, 4}, {1, 64}}));
  EXPECT_TRUE(ap.is_contiguous());
  EXPECT_EQ(ap.free_elems_per_partition(), 256);
  // Partitions 32..95, free elements 64..127 of each.
  ap.offset = 32 * 256 + 64;
  ap.dims = {{256, 64}, {1, 64}};
  EXPECT_EQ(ap.start_partition(), 32);
  EXPECT_EQ(ap.num_partitions(), 64);
  EXPECT_EQ(ap.elems_per_partition(), 64);
  EXPECT_FALSE(ap.is_contiguous());
  // A reinterpreting dtype counts in its own elements.
  ap.dtype = DType::bfloat16;
  EXPECT_EQ(ap.free_elems_per_partition(), 512);
}

TEST_F(Fixture, ForEachElementWalksRowMajor) {
  AccessPattern ap;
  ap.storage = &hbm;
  ap.dtype = hbm.dtype;
  ap.offset = 5;
  ap.dims = {{100, 2}, {10, 3}, {2, 2}};
  std::vector<int64_t> seen;
  for_each_element(ap, [&](int64_t lin, int64_t e) {
    EXPECT_EQ(lin, static_cast<int64_t>(seen.size()));
    seen.push_back(e);
  });
  EXPECT_EQ(seen, (std::vector<int64_t>{5, 7, 15, 17, 25, 27, 105, 107, 115, 117, 125, 127}));
}

TEST_F(Fixture, PrintsSlicesWhenItCan) {
  AccessPattern ap = AccessPattern::whole(hbm);
  EXPECT_EQ(print_access_pattern(ap), "a[0:4,0:256,0:64]");
  ap.offset = 64 * 256 + 3 * 64;  // a[1, 3:..., ...]
  ap.dims = {{64, 10}, {2, 32}};  // rows 3..12, every other column
  EXPECT_EQ(print_access_pattern(ap), "a[1,3:13,0:63:2]");
  ap.dims = {{1, 64}};  // a[1, 3, :]
  EXPECT_EQ(print_access_pattern(ap), "a[1,3,0:64]");
  AccessPattern s = AccessPattern::whole(sbuf);
  s.offset = 7;
  s.dims = {{256, 128}, {3, 5}};  // t[:, 0, 7:20:3]
  EXPECT_EQ(print_access_pattern(s), "%t[0:128,0,7:20:3]");
  s.dims = {{256, 128}, {5, 60}};  // runs past the end of a row: no slice form
  EXPECT_EQ(print_access_pattern(s), "%t[@7 [256,128] [5,60]]");
  s.dtype = DType::bfloat16;
  s.offset = 0;
  s.dims = {{512, 128}, {1, 512}};
  EXPECT_EQ(print_access_pattern(s), "%t<bf16>[@0 [512,128] [1,512]]");
}

TEST_F(Fixture, PrintsInstructionsWithRolesAndAttributes) {
  Instruction inst;
  inst.op = Opcode::tensor_scalar;
  inst.engine = Engine::Vector;
  AccessPattern t = AccessPattern::whole(sbuf);
  inst.operands = {Operand::tensor(t), Operand::tensor(t), Operand::immediate(2.5), Operand::none()};
  inst.set_attr("op0", std::string("multiply"));
  inst.set_attr("reverse0", true);
  EXPECT_EQ(print_instruction(inst),
            "tensor_scalar %t[0:128,0:4,0:64], %t[0:128,0:4,0:64] operand0=2.5 op0=multiply reverse0=true "
            "engine=vector");
}

// Immediates and attributes beyond int64's range (fp32's largest, inf, NaN) print as floats.
TEST_F(Fixture, PrintsNumbersOutsideIntegerRange) {
  Instruction inst;
  inst.op = Opcode::tensor_scalar;
  inst.engine = Engine::Vector;
  AccessPattern t = AccessPattern::whole(sbuf);
  inst.operands = {Operand::tensor(t), Operand::tensor(t), Operand::immediate(-3.4028234663852886e+38),
                   Operand::immediate(std::numeric_limits<double>::infinity())};
  inst.set_attr("op0", std::string("maximum"));
  inst.set_attr("op1", std::string("minimum"));
  EXPECT_EQ(
      print_instruction(inst),
      "tensor_scalar %t[0:128,0:4,0:64], %t[0:128,0:4,0:64] operand0=-3.4028234663852886e+38 operand1=inf "
      "op0=maximum op1=minimum engine=vector");
  Instruction mr;
  mr.op = Opcode::nc_match_replace8;
  mr.engine = Engine::Vector;
  mr.operands = {Operand::tensor(t), Operand::tensor(t), Operand::tensor(t), Operand::none()};
  mr.set_attr("imm", std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(
      print_instruction(mr),
      "nc_match_replace8 %t[0:128,0:4,0:64], %t[0:128,0:4,0:64], %t[0:128,0:4,0:64] imm=nan engine=vector");
}

// Attributes are declared per opcode in ops.def, with their types and defaults: readers see the
// default of one that is absent, and setting one that is undeclared or of another type is a bug.
TEST(Ops, AttributesAreTypedAndDefaulted) {
  const OpInfo& rs = op_info(Opcode::range_select);
  ASSERT_NE(rs.attr("on_false_value"), nullptr);
  EXPECT_EQ(rs.attr("on_false_value")->type, AttrType::Float);
  EXPECT_TRUE(rs.attr("comp_op0")->required);
  EXPECT_FALSE(rs.attr("reduce_cmd")->required);
  EXPECT_EQ(rs.attr("nope"), nullptr);
  EXPECT_EQ(op_info(Opcode::dma_copy).attr("oob_mode")->type_text(), "error|skip");
  Instruction inst;
  inst.op = Opcode::range_select;
  EXPECT_EQ(inst.attr_cmd("reduce_cmd"), ReduceCmd::ResetReduce);  // the default
  EXPECT_EQ(inst.attr_int("range_start"), 0);
  EXPECT_FLOAT_EQ(static_cast<float>(inst.attr_float("on_false_value")), -3.4028235e38f);
  EXPECT_FALSE(inst.has_attr("reduce_cmd"));                  // a default is not stored
  EXPECT_THROW(inst.attr_alu("comp_op0"), InternalError);     // required, not set
  EXPECT_THROW(inst.attr_int("iota_offset"), InternalError);  // not declared
  inst.set_attr("reduce_cmd", std::string("reduce"));         // set by name, stored parsed
  EXPECT_EQ(inst.attr_cmd("reduce_cmd"), ReduceCmd::Reduce);
  inst.set_attr("comp_op0", std::string("less"));
  EXPECT_EQ(inst.attr_alu("comp_op0"), AluOp::Less);
  EXPECT_THROW(inst.set_attr("reduce_cmd", std::string("sometimes")), InternalError);
  EXPECT_THROW(inst.set_attr("range_start", 1.5), InternalError);
  EXPECT_THROW(inst.set_attr("comp_op0", std::string("frobnicate")), InternalError);
  inst.op = Opcode::memset;
  inst.set_attr("value", int64_t{3});  // a number: an int or a float
  EXPECT_DOUBLE_EQ(inst.attr_float("value"), 3.0);
}

}  // namespace
}  // namespace nki

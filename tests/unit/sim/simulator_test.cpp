// The Simulator facade: a whole kernel end to end (the DESIGN.md add kernel), inputs checked
// against the kernel's arguments, faults reported as UserErrors at the instruction's line with
// the instruction name and the inlined call chain.
#include "sim_test_util.h"

namespace nki::test {
namespace {

using Vec = std::vector<float>;

// out = a + b through SBUF, as the add kernel of DESIGN.md §1 compiles.
struct AddKernel {
  KernelBuilder b;
  AddKernel(DType dt = DType::float32) {
    Storage& a = b.input("a", dt, {128, 512});
    Storage& bb = b.input("b", dt, {128, 512});
    Storage& out = b.output("out", dt, {128, 512});
    Storage& ta = b.sbuf("ta", dt, {128, 512});
    Storage& tb = b.sbuf("tb", dt, {128, 512}, 0, 4096);
    b.add(Opcode::alloc, {T(out)});
    b.add(Opcode::alloc, {T(ta)});
    b.add(Opcode::alloc, {T(tb)});
    b.add(Opcode::dma_copy, {T(ta), T(a)});
    b.add(Opcode::dma_copy, {T(tb), T(bb)});
    b.add(Opcode::tensor_tensor, {T(ta), T(ta), T(tb)}, {Attr{"op", std::string("add")}});
    b.add(Opcode::dma_copy, {T(out), T(ta)});
  }
};

TEST(Simulator, AddKernelEndToEnd) {
  AddKernel k;
  Simulator sim(trn2(), k.b.k);
  const Vec a = ramp(128 * 512), bv = ramp(128 * 512, 0.5f, 2.0f);
  sim.set_input(0, host(DType::float32, {128, 512}, a));
  sim.set_input(1, host(DType::float32, {128, 512}, bv));
  sim.run();
  const HostArray out = sim.output(0);
  EXPECT_EQ(out.dtype, DType::float32);
  EXPECT_EQ(out.shape, (std::vector<int64_t>{128, 512}));
  const Vec got = values(out);
  for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(got[i], a[i] + bv[i]);
}

TEST(Simulator, Bf16KernelTakesFloat32InputsRounded) {
  AddKernel k(DType::bfloat16);
  Simulator sim(trn2(), k.b.k);
  const Vec a = ramp(128 * 512, 0.3f), bv = ramp(128 * 512, 0.7f);
  sim.set_input(0, host(DType::float32, {128, 512}, a));
  sim.set_input(1, host(DType::float32, {128, 512}, bv));
  sim.run();
  const Vec got = values(sim.output(0));
  auto r = [](float v) { return bf16_bits_to_f32(f32_to_bf16_bits(v)); };
  for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(got[i], r(r(a[i]) + r(bv[i])));
}

TEST(Simulator, UnwrittenOutputReadsAsNaN) {
  KernelBuilder b;
  b.output("out", DType::float32, {4});
  b.add(Opcode::alloc, {T(*b.k.outputs[0])});
  Simulator sim(trn2(), b.k);
  sim.run();
  for (float v : values(sim.output(0))) EXPECT_TRUE(std::isnan(v));
}

std::string input_error(Simulator& sim, size_t i, const HostArray& a) {
  try {
    sim.set_input(i, a);
  } catch (const UserError& e) {
    return e.message();
  }
  return "";
}

TEST(Simulator, SetInputChecksShapeAndDtype) {
  AddKernel k;
  Simulator sim(trn2(), k.b.k);
  const std::string shape = input_error(sim, 1, host(DType::float32, {128, 256}, Vec(128 * 256)));
  EXPECT_NE(shape.find("argument 'b'"), std::string::npos) << shape;
  EXPECT_NE(shape.find("f32[128,512]"), std::string::npos) << shape;
  const std::string dtype = input_error(sim, 0, host(DType::int32, {128, 512}, Vec(128 * 512)));
  EXPECT_NE(dtype.find("argument 'a'"), std::string::npos) << dtype;
  EXPECT_NE(dtype.find("int32"), std::string::npos) << dtype;
  EXPECT_NE(input_error(sim, 2, host(DType::float32, {1}, Vec(1))).find("takes 2 tensor arguments"),
            std::string::npos);
}

TEST(Simulator, FaultPointsAtTheInstruction) {
  KernelBuilder b;
  Storage& t = b.sbuf("t", DType::float32, {64, 8}, /*partition_start=*/100);
  Storage& u = b.sbuf("u", DType::float32, {64, 8}, 0, 64);
  Instruction& inst =
      b.add(Opcode::tensor_tensor, {T(t), T(u), T(u)}, {Attr{"op", std::string("add")}}, /*line=*/3);
  inst.stack = std::make_shared<const std::vector<SourceLoc>>(
      std::vector<SourceLoc>{SourceLoc{test_file(), 2, 5}, inst.loc});
  Simulator sim(trn2(), b.k);
  try {
    sim.run();
    FAIL() << "expected a fault";
  } catch (const UserError& e) {
    EXPECT_EQ(e.loc().line, 3);
    EXPECT_EQ(e.message().rfind("tensor_tensor: dst (%t) reaches partition 163", 0), 0u) << e.message();
    ASSERT_EQ(e.call_chain().size(), 1u);
    EXPECT_EQ(e.call_chain()[0].line, 2);
    const std::string text = e.format();
    EXPECT_NE(text.find("kernel.py:3:5: error: tensor_tensor:"), std::string::npos) << text;
    EXPECT_NE(text.find("nisa.tensor_tensor"), std::string::npos) << text;
  }
}

// An attribute ops.def does not declare, or a value not of its type, cannot be set: the builders
// are ours, so that is an internal error at the builder, not a failure later in the simulator.
TEST(Simulator, BadAttributesCannotBeSet) {
  KernelBuilder b;
  Storage& t = b.sbuf("t", DType::float32, {4, 8});
  auto message = [&](std::vector<Attr> attrs) {
    try {
      b.add(Opcode::tensor_tensor, {T(t), T(t), T(t)}, std::move(attrs));
    } catch (const InternalError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  EXPECT_NE(
      message({Attr{"op", std::string("frobnicate")}}).find("attribute 'op' takes alu, not 'frobnicate'"),
      std::string::npos);
  EXPECT_NE(message({Attr{"op", int64_t{1}}}).find("attribute 'op' takes alu, not an int"),
            std::string::npos);
  EXPECT_NE(
      message({Attr{"opp", std::string("add")}}).find("tensor_tensor has no attribute 'opp' in ops.def"),
      std::string::npos);
}

TEST(Simulator, MismatchedElementCountsAreUserErrors) {
  KernelBuilder b;
  Storage& t = b.sbuf("t", DType::float32, {4, 8});
  Storage& u = b.sbuf("u", DType::float32, {4, 4}, 0, 64);
  b.add(Opcode::tensor_copy, {T(t), T(u)});
  Simulator sim(trn2(), b.k);
  EXPECT_THROW(sim.run(), UserError);
}

}  // namespace
}  // namespace nki::test

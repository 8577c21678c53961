// Element-wise instructions against plain loops: tensor_tensor, tensor_scalar (immediates,
// [P,1] tiles, op1, reverse flags), activation, tensor_copy, dma_copy, memset; rounding on
// write to bf16, strided operands, in-place updates.
#include <cstring>
#include <functional>

#include "sim/fpmath.h"
#include "sim_test_util.h"

namespace nki::test {
namespace {

using Vec = std::vector<float>;

Attr S(const char* name, const char* v) {
  return Attr{name, std::string(v)};
}

TEST(TensorTensor, ArithmeticOpsMatchLoops) {
  const std::pair<const char*, float (*)(float, float)> ops[] = {
      {"add", [](float a, float b) { return a + b; }},
      {"subtract", [](float a, float b) { return a - b; }},
      {"multiply", [](float a, float b) { return a * b; }},
      {"maximum", [](float a, float b) { return a > b ? a : b; }},
      {"minimum", [](float a, float b) { return a < b ? a : b; }},
      {"divide", [](float a, float b) { return a / b; }},
      {"greater", [](float a, float b) { return a > b ? 1.0f : 0.0f; }},
  };
  for (const auto& [name, ref] : ops) {
    KernelBuilder b;
    Storage& x = b.sbuf("x", DType::float32, {128, 64});
    Storage& y = b.sbuf("y", DType::float32, {128, 64}, 0, 256);
    Storage& z = b.sbuf("z", DType::float32, {128, 64}, 0, 512);
    b.add(Opcode::tensor_tensor, {T(z), T(x), T(y)}, {S("op", name)});
    sim::Machine m(trn2(), b.k);
    const Vec a = ramp(128 * 64), c = ramp(128 * 64, 0.5f, 0.125f);
    poke(m, AccessPattern::whole(x), a);
    poke(m, AccessPattern::whole(y), c);
    exec(m, b.k.body[0]);
    const Vec got = peek(m, AccessPattern::whole(z));
    for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(got[i], ref(a[i], c[i])) << name << " " << i;
  }
}

TEST(TensorTensor, RoundsToBf16AndWalksStridedOperands) {
  KernelBuilder b;
  Storage& x = b.sbuf("x", DType::float32, {4, 8});
  Storage& y = b.sbuf("y", DType::float32, {4, 8}, 0, 64);
  Storage& z = b.sbuf("z", DType::bfloat16, {2, 4}, 0, 128);
  // data1: partitions 0 and 2, every other column; data2: partitions 1 and 3, columns 4..7.
  b.add(Opcode::tensor_tensor, {T(z), T(ap(x, 0, {{16, 2}, {2, 4}})), T(ap(y, 12, {{16, 2}, {1, 4}}))},
        {S("op", "add")});
  sim::Machine m(trn2(), b.k);
  const Vec a = ramp(32, 0.3f), c = ramp(32, 0.7f, 1.0f);
  poke(m, AccessPattern::whole(x), a);
  poke(m, AccessPattern::whole(y), c);
  exec(m, b.k.body[0]);
  const Vec got = peek(m, AccessPattern::whole(z));
  for (int p = 0; p < 2; ++p)
    for (int j = 0; j < 4; ++j) {
      const float ref = a[(2 * p) * 8 + 2 * j] + c[(2 * p + 1) * 8 + 4 + j];
      EXPECT_EQ(got[p * 4 + j], bf16_bits_to_f32(f32_to_bf16_bits(ref)));
    }
}

TEST(TensorTensor, InPlaceAndNaNPropagation) {
  KernelBuilder b;
  Storage& x = b.sbuf("x", DType::float32, {2, 2});
  Storage& y = b.sbuf("y", DType::float32, {2, 2}, 0, 64);
  b.add(Opcode::tensor_tensor, {T(x), T(x), T(y)}, {S("op", "maximum")});
  sim::Machine m(trn2(), b.k);
  poke(m, AccessPattern::whole(x), {1, NAN, 3, -4});
  poke(m, AccessPattern::whole(y), {2, 0, NAN, -5});
  exec(m, b.k.body[0]);
  const Vec got = peek(m, AccessPattern::whole(x));
  EXPECT_EQ(got[0], 2);
  EXPECT_TRUE(std::isnan(got[1]));
  EXPECT_TRUE(std::isnan(got[2]));
  EXPECT_EQ(got[3], -4);
}

TEST(TensorScalar, ImmediateAndPerPartitionOperands) {
  KernelBuilder b;
  Storage& d = b.sbuf("d", DType::float32, {4, 6});
  Storage& s = b.sbuf("s", DType::float32, {4, 1}, 0, 64);
  Storage& o = b.sbuf("o", DType::float32, {4, 6}, 0, 128);
  // (d - s) * 0.5, then (3 - d) (reverse0), then max(d * 2, s) via op1
  b.add(Opcode::tensor_scalar, {T(o), T(d), T(s), Imm(0.5)},
        {S("op0", "subtract"), S("op1", "multiply"), Attr{"reverse0", false}, Attr{"reverse1", false}});
  b.add(Opcode::tensor_scalar, {T(o), T(d), Imm(3.0), None()},
        {S("op0", "subtract"), Attr{"reverse0", true}});
  b.add(Opcode::tensor_scalar, {T(o), T(d), Imm(2.0), T(s)},
        {S("op0", "multiply"), S("op1", "subtract"), Attr{"reverse0", false}, Attr{"reverse1", true}});
  b.add(Opcode::tensor_scalar, {T(o), T(d), None(), None()}, {S("op0", "abs")});
  sim::Machine m(trn2(), b.k);
  const Vec dv = ramp(24), sv = {1.0f, -2.0f, 0.5f, 8.0f};
  poke(m, AccessPattern::whole(d), dv);
  poke(m, AccessPattern::whole(s), sv);
  const std::function<float(float, float)> refs[] = {
      [](float x, float s) { return (x - s) * 0.5f; },
      [](float x, float) { return 3.0f - x; },
      [](float x, float s) { return s - x * 2.0f; },
      [](float x, float) { return std::fabs(x); },
  };
  for (int k = 0; k < 4; ++k) {
    exec(m, b.k.body[k]);
    const Vec got = peek(m, AccessPattern::whole(o));
    for (int p = 0; p < 4; ++p)
      for (int j = 0; j < 6; ++j)
        ASSERT_EQ(got[p * 6 + j], refs[k](dv[p * 6 + j], sv[p])) << k << " " << p << " " << j;
  }
}

TEST(TensorScalar, ScalarTileMustHaveOneValuePerPartition) {
  KernelBuilder b;
  Storage& d = b.sbuf("d", DType::float32, {4, 6});
  Storage& s = b.sbuf("s", DType::float32, {4, 2}, 0, 64);
  b.add(Opcode::tensor_scalar, {T(d), T(d), T(s), None()}, {S("op0", "add")});
  sim::Machine m(trn2(), b.k);
  try {
    exec(m, b.k.body[0]);
    FAIL();
  } catch (const UserError& e) {
    EXPECT_NE(e.message().find("one value per partition"), std::string::npos) << e.message();
  }
}

TEST(Activation, FunctionsWithScaleAndBias) {
  const std::pair<const char*, float (*)(float)> fns[] = {
      {"copy", [](float x) { return x; }},
      // transcendentals: the simulator's own definition (sim/fpmath, tested in fpmath_test.cpp),
      // never the host's libm, whose float results differ between machines
      {"exp", [](float x) { return static_cast<float>(sim::fpmath::exp(x)); }},
      {"tanh", [](float x) { return static_cast<float>(sim::fpmath::tanh(x)); }},
      {"relu", [](float x) { return x < 0 ? 0.0f : x; }},
      {"sigmoid", [](float x) { return static_cast<float>(sim::fpmath::sigmoid(x)); }},
      {"square", [](float x) { return x * x; }},
  };
  for (const auto& [name, ref] : fns) {
    KernelBuilder b;
    Storage& d = b.sbuf("d", DType::float32, {8, 16});
    Storage& bias = b.sbuf("bias", DType::float32, {8, 1}, 0, 64);
    Storage& o = b.sbuf("o", DType::bfloat16, {8, 16}, 0, 128);
    b.add(Opcode::activation, {T(o), T(d), T(bias), Imm(0.5)}, {S("op", name)});
    sim::Machine m(trn2(), b.k);
    const Vec dv = ramp(128), bv = ramp(8, 1.0f, -4.0f);
    poke(m, AccessPattern::whole(d), dv);
    poke(m, AccessPattern::whole(bias), bv);
    exec(m, b.k.body[0]);
    const Vec got = peek(m, AccessPattern::whole(o));
    for (int p = 0; p < 8; ++p)
      for (int j = 0; j < 16; ++j) {
        const float want = bf16_bits_to_f32(f32_to_bf16_bits(ref(dv[p * 16 + j] * 0.5f + bv[p])));
        ASSERT_EQ(got[p * 16 + j], want) << name;
      }
  }
}

TEST(Activation, DefaultsAndScaleTile) {
  KernelBuilder b;
  Storage& d = b.sbuf("d", DType::float32, {2, 3});
  Storage& sc = b.sbuf("sc", DType::float32, {2, 1}, 0, 64);
  b.add(Opcode::activation, {T(d), T(d), None(), T(sc)}, {S("op", "copy")});
  b.add(Opcode::activation, {T(d), T(d), Imm(1.0), None()}, {S("op", "copy")});
  // An unknown function cannot even be set (ops.def types op as an activation function).
  EXPECT_THROW(b.add(Opcode::activation, {T(d), T(d), None(), None()}, {S("op", "no_such_fn")}),
               InternalError);
  sim::Machine m(trn2(), b.k);
  poke(m, AccessPattern::whole(d), {1, 2, 3, 4, 5, 6});
  poke(m, AccessPattern::whole(sc), {10, -1});
  exec(m, b.k.body[0]);
  exec(m, b.k.body[1]);
  EXPECT_EQ(peek(m, AccessPattern::whole(d)), (Vec{11, 21, 31, -3, -4, -5}));
}

TEST(Copies, TensorCopyRoundsOrCopiesBits) {
  KernelBuilder b;
  Storage& x = b.sbuf("x", DType::float32, {2, 2});
  Storage& y = b.sbuf("y", DType::bfloat16, {2, 2}, 0, 64);
  Storage& z = b.sbuf("z", DType::bfloat16, {2, 2}, 0, 128);
  b.add(Opcode::tensor_copy, {T(y), T(x)});
  b.add(Opcode::tensor_copy, {T(z), T(y)});
  sim::Machine m(trn2(), b.k);
  poke(m, AccessPattern::whole(x), {1.00390625f, 1.01171875f, -0.0f, 65504.0f});
  exec(m, b.k.body[0]);
  EXPECT_EQ(peek(m, AccessPattern::whole(y)), (Vec{1.0f, 1.015625f, -0.0f, 65536.0f}));
  // A signalling-NaN pattern survives a same-dtype copy untouched.
  const uint8_t snan[2] = {0x81, 0x7F};  // bf16 0x7F81
  m.scatter(m.walk(ap(y, 1, {{1, 1}}), "y"), snan);
  exec(m, b.k.body[1]);
  const auto raw = m.gather(m.walk(AccessPattern::whole(z), "z"));
  EXPECT_EQ(raw[2], 0x81);
  EXPECT_EQ(raw[3], 0x7F);
  EXPECT_TRUE(std::signbit(peek(m, AccessPattern::whole(z))[2]));
}

TEST(Copies, DmaCopyReshapesAndConverts) {
  KernelBuilder b;
  Storage& a = b.input("a", DType::float32, {32});
  Storage& t = b.sbuf("t", DType::bfloat16, {4, 8});
  Storage& o = b.output("o", DType::float32, {8, 4});
  b.add(Opcode::dma_copy, {T(t), T(a)});
  b.add(Opcode::dma_copy, {T(o), T(t)});
  Simulator sim(trn2(), b.k);
  const Vec av = ramp(32, 0.3333f);
  sim.set_input(0, host(DType::float32, {32}, av));
  sim.run();
  const Vec got = values(sim.output(0));
  for (int i = 0; i < 32; ++i) EXPECT_EQ(got[i], bf16_bits_to_f32(f32_to_bf16_bits(av[i])));
}

TEST(Memset, ValuesPerDtype) {
  KernelBuilder b;
  Storage& f = b.sbuf("f", DType::float32, {2, 2});
  Storage& h = b.sbuf("h", DType::bfloat16, {2, 2}, 0, 64);
  Storage& i = b.sbuf("i", DType::int32, {2, 2}, 0, 128);
  Storage& u = b.sbuf("u", DType::uint8, {2, 2}, 0, 192);
  Storage& c = b.sbuf("c", DType::int8, {2, 2}, 0, 256);
  b.add(Opcode::memset, {T(f)}, {Attr{"value", 1.5}});
  b.add(Opcode::memset, {T(h)}, {Attr{"value", 0.1}});
  b.add(Opcode::memset, {T(i)}, {Attr{"value", int64_t{16777217}}});
  b.add(Opcode::memset, {T(u)}, {Attr{"value", int64_t{-5}}});
  b.add(Opcode::memset, {T(c)}, {Attr{"value", 2.5}});
  sim::Machine m(trn2(), b.k);
  for (const auto& inst : b.k.body) exec(m, inst);
  EXPECT_EQ(peek(m, AccessPattern::whole(f)), Vec(4, 1.5f));
  EXPECT_EQ(peek(m, AccessPattern::whole(h)), Vec(4, bf16_bits_to_f32(f32_to_bf16_bits(0.1f))));
  const auto raw = m.gather(m.walk(AccessPattern::whole(i), "i"));
  int32_t v;
  std::memcpy(&v, raw.data() + 12, 4);
  EXPECT_EQ(v, 16777217);  // exact, not via fp32
  EXPECT_EQ(peek(m, AccessPattern::whole(u)), Vec(4, 0.0f));
  EXPECT_EQ(peek(m, AccessPattern::whole(c)), Vec(4, 2.0f));
}

}  // namespace
}  // namespace nki::test

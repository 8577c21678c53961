// Tensor engine instructions: nc_matmul against a triple loop (fp32 and bf16 inputs, strided
// operands), the accumulate modes false / true / auto (per PSUM word, reset by alloc), and
// nc_transpose (bit-exact, free dims flattened).
#include <cstring>

#include "sim_test_util.h"

namespace nki::test {
namespace {

using Vec = std::vector<float>;

// dst[m, n] = sum_k st[k, m] * mv[k, n], accumulated in double then rounded: the sgemm result
// must agree to fp32 rounding error.
Vec matmul_ref(const Vec& st, const Vec& mv, int K, int M, int N) {
  Vec c(static_cast<size_t>(M * N));
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      double s = 0;
      for (int k = 0; k < K; ++k) s += static_cast<double>(st[k * M + m]) * mv[k * N + n];
      c[m * N + n] = static_cast<float>(s);
    }
  return c;
}

void expect_close(const Vec& got, const Vec& want, float tol = 1e-5f) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i)
    ASSERT_NEAR(got[i], want[i], tol * (1.0f + std::fabs(want[i]))) << "element " << i;
}

struct MatmulFixture {
  static constexpr int K = 128, M = 64, N = 96;
  KernelBuilder b;
  Storage& st = b.sbuf("st", DType::float32, {K, M});
  Storage& mv = b.sbuf("mv", DType::float32, {K, N}, 0, 1024);
  Storage& ps = b.psum("ps", DType::float32, {M, N});
  Vec sv = ramp(K * M, 0.125f, -1.0f), mvv = ramp(K * N, 0.0625f, -0.5f);

  Instruction& matmul(const char* acc) {
    return b.add(Opcode::nc_matmul, {T(ps), T(st), T(mv)}, {Attr{"accumulate", std::string(acc)}});
  }
  void load(sim::Machine& m) {
    poke(m, AccessPattern::whole(st), sv);
    poke(m, AccessPattern::whole(mv), mvv);
  }
};

TEST(NcMatmul, OverwriteMatchesReference) {
  MatmulFixture f;
  f.b.add(Opcode::alloc, {T(f.ps)});
  f.matmul("false");
  sim::Machine m(trn2(), f.b.k);
  f.load(m);
  for (const auto& inst : f.b.k.body) exec(m, inst);
  expect_close(peek(m, AccessPattern::whole(f.ps)), matmul_ref(f.sv, f.mvv, f.K, f.M, f.N));
}

TEST(NcMatmul, AccumulateTrueAddsAndFalseOverwrites) {
  MatmulFixture f;
  f.b.add(Opcode::alloc, {T(f.ps)});
  f.matmul("false");
  f.matmul("true");
  f.matmul("false");
  sim::Machine m(trn2(), f.b.k);
  f.load(m);
  const Vec one = matmul_ref(f.sv, f.mvv, f.K, f.M, f.N);
  Vec two(one.size());
  for (size_t i = 0; i < one.size(); ++i) two[i] = one[i] * 2;
  exec(m, f.b.k.body[0]);
  exec(m, f.b.k.body[1]);
  exec(m, f.b.k.body[2]);
  expect_close(peek(m, AccessPattern::whole(f.ps)), two);
  exec(m, f.b.k.body[3]);
  expect_close(peek(m, AccessPattern::whole(f.ps)), one);
}

TEST(NcMatmul, AccumulateTrueOnFreshPsumReadsPoison) {
  MatmulFixture f;
  f.b.add(Opcode::alloc, {T(f.ps)});
  f.matmul("true");
  sim::Machine m(trn2(), f.b.k);
  f.load(m);
  for (const auto& inst : f.b.k.body) exec(m, inst);
  for (float v : peek(m, AccessPattern::whole(f.ps))) ASSERT_TRUE(std::isnan(v));
}

TEST(NcMatmul, AutoOverwritesFirstThenAccumulatesPerWord) {
  MatmulFixture f;
  f.b.add(Opcode::alloc, {T(f.ps)});
  // First an auto matmul into partitions 0..31 only (stationary columns 0..31).
  f.b.add(Opcode::nc_matmul,
          {T(ap(f.ps, 0, {{f.N, 32}, {1, f.N}})), T(ap(f.st, 0, {{f.M, f.K}, {1, 32}})), T(f.mv)},
          {Attr{"accumulate", std::string("auto")}});
  f.matmul("auto");
  f.b.add(Opcode::alloc, {T(f.ps)});
  f.matmul("auto");
  sim::Machine m(trn2(), f.b.k);
  f.load(m);
  const Vec one = matmul_ref(f.sv, f.mvv, f.K, f.M, f.N);
  for (int i = 0; i < 3; ++i) exec(m, f.b.k.body[i]);
  Vec want = one;
  for (int i = 0; i < 32 * f.N; ++i) want[i] *= 2;  // rows written before accumulate, the rest overwrite
  expect_close(peek(m, AccessPattern::whole(f.ps)), want);
  exec(m, f.b.k.body[3]);  // alloc: a new group
  exec(m, f.b.k.body[4]);
  expect_close(peek(m, AccessPattern::whole(f.ps)), one);
}

TEST(NcMatmul, AutoAccumulatesOntoMemsetAndMissingAttrIsAuto) {
  MatmulFixture f;
  f.b.add(Opcode::alloc, {T(f.ps)});
  f.b.add(Opcode::memset, {T(f.ps)}, {Attr{"value", 1.0}});
  f.b.add(Opcode::nc_matmul, {T(f.ps), T(f.st), T(f.mv)});
  sim::Machine m(trn2(), f.b.k);
  f.load(m);
  for (const auto& inst : f.b.k.body) exec(m, inst);
  Vec want = matmul_ref(f.sv, f.mvv, f.K, f.M, f.N);
  for (float& v : want) v += 1.0f;
  expect_close(peek(m, AccessPattern::whole(f.ps)), want);
}

TEST(NcMatmul, Bf16InputsAndStridedMoving) {
  KernelBuilder b;
  const int K = 32, M = 16, N = 8;
  Storage& st = b.sbuf("st", DType::bfloat16, {K, M});
  Storage& mv = b.sbuf("mv", DType::bfloat16, {K, 2 * N}, 0, 512);
  Storage& ps = b.psum("ps", DType::float32, {M, N});
  b.add(Opcode::nc_matmul, {T(ps), T(st), T(ap(mv, 1, {{2 * N, K}, {2, N}}))},
        {Attr{"accumulate", std::string("false")}});
  sim::Machine m(trn2(), b.k);
  poke(m, AccessPattern::whole(st), ramp(K * M, 0.1f));
  poke(m, AccessPattern::whole(mv), ramp(K * 2 * N, 0.3f));
  exec(m, b.k.body[0]);
  const Vec s = peek(m, AccessPattern::whole(st));  // bf16-rounded values
  const Vec full = peek(m, AccessPattern::whole(mv));
  Vec odd(static_cast<size_t>(K * N));
  for (int k = 0; k < K; ++k)
    for (int n = 0; n < N; ++n) odd[k * N + n] = full[k * 2 * N + 2 * n + 1];
  expect_close(peek(m, AccessPattern::whole(ps)), matmul_ref(s, odd, K, M, N));
}

TEST(NcMatmul, ShapeMismatchIsAUserError) {
  KernelBuilder b;
  Storage& st = b.sbuf("st", DType::float32, {32, 16});
  Storage& mv = b.sbuf("mv", DType::float32, {16, 8}, 0, 512);
  Storage& ps = b.psum("ps", DType::float32, {16, 8});
  Storage& ps2 = b.psum("ps2", DType::float32, {8, 16}, 0, 64);
  b.add(Opcode::nc_matmul, {T(ps), T(st), T(mv)});
  b.add(Opcode::nc_matmul, {T(ps2), T(st), T(ap(st, 0, {{16, 32}, {1, 8}}))});
  sim::Machine m(trn2(), b.k);
  EXPECT_THROW(exec(m, b.k.body[0]), UserError);
  EXPECT_THROW(exec(m, b.k.body[1]), UserError);
}

TEST(NcTranspose, BitExactWithFlattenedFreeDims) {
  for (Engine e : {Engine::Tensor, Engine::Vector}) {
    KernelBuilder b;
    Storage& d = b.sbuf("d", DType::bfloat16, {4, 2, 3});
    Storage& o = b.psum("o", DType::bfloat16, {6, 4});
    b.add(Opcode::nc_transpose, {T(o), T(d)}).engine = e;
    sim::Machine m(trn2(), b.k);
    const Vec dv = ramp(24, 0.37f);
    poke(m, AccessPattern::whole(d), dv);
    const auto in = m.gather(m.walk(AccessPattern::whole(d), "d"));
    exec(m, b.k.body[0]);
    const auto out = m.gather(m.walk(AccessPattern::whole(o), "o"));
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 6; ++j) ASSERT_EQ(std::memcmp(&out[(j * 4 + i) * 2], &in[(i * 6 + j) * 2], 2), 0);
  }
}

TEST(NcTranspose, WrongDstShapeIsAUserError) {
  KernelBuilder b;
  Storage& d = b.sbuf("d", DType::float32, {4, 6});
  Storage& o = b.sbuf("o", DType::float32, {4, 6}, 0, 64);
  b.add(Opcode::nc_transpose, {T(o), T(d)});
  sim::Machine m(trn2(), b.k);
  try {
    exec(m, b.k.body[0]);
    FAIL();
  } catch (const UserError& e) {
    EXPECT_NE(e.message().find("dst must be [6, 4]"), std::string::npos) << e.message();
  }
}

}  // namespace
}  // namespace nki::test

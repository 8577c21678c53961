// Timing of the nc_matmul options and DMA variants: PE tiles on disjoint quadrants run
// concurrently while overlapping ones serialize, double_row streams [K, 2, N] in the time of
// [K, N], fp32 one-zero hints and transpose mode halve the fp32 cost, and a hardware-DGE DMA
// starts after dma_hwdge_ns instead of dma_fixed_ns.
#include <gtest/gtest.h>

#include "passes/passes.h"
#include "sim/timing/cost.h"
#include "sim/timing/timing.h"
#include "timing_test_util.h"

namespace nki {
namespace {

struct K : timing_test::K {
  Instruction& mm(const Storage& d, const Storage& s, const Storage& m) {
    k.body.push_back(inst(Opcode::nc_matmul, Engine::Tensor, {&d, &s, &m}));
    return k.body.back();
  }
};

void tile(Instruction& i, int64_t r, int64_t c, int64_t rs, int64_t cs) {
  i.set_attr("tile_row", r);
  i.set_attr("tile_col", c);
  i.set_attr("tile_rows", rs);
  i.set_attr("tile_cols", cs);
}

TEST(TimingPeTiling, DisjointTilesOverlapSharedQuadrantsSerialize) {
  const Arch& a = with_overrides(get_arch("trn2"), {"tensor_warmup_rate=1"});
  K k;
  // Four 32x32 matmuls on the diagonal quadrants: each its own PSUM tile and operands.
  for (int q = 0; q < 4; ++q) {
    auto& p = k.st("p" + std::to_string(q), Buffer::Psum, {32, 512});
    auto& w = k.st("w" + std::to_string(q), Buffer::Sbuf, {32, 32}, DType::bfloat16);
    auto& x = k.st("x" + std::to_string(q), Buffer::Sbuf, {32, 512}, DType::bfloat16);
    tile(k.mm(p, w, x), 32 * q, 32 * q, 32, 32);
  }
  // A fifth on quadrant (0, 0) again waits for the first; a full-array one waits for all.
  auto& p5 = k.st("p5", Buffer::Psum, {32, 512});
  auto& w5 = k.st("w5", Buffer::Sbuf, {32, 32}, DType::bfloat16);
  auto& x5 = k.st("x5", Buffer::Sbuf, {32, 512}, DType::bfloat16);
  tile(k.mm(p5, w5, x5), 0, 0, 32, 32);
  auto& p6 = k.st("p6", Buffer::Psum, {32, 512});
  k.mm(p6, w5, x5);
  Schedule no_deps;
  no_deps.deps.resize(k.k.body.size());
  no_deps.waits.resize(k.k.body.size());
  auto r = timing::simulate_timing(k.k, no_deps, a);
  for (int q = 1; q < 4; ++q) EXPECT_EQ(r.insts[q].start_ns, 0) << q;  // concurrent with the first
  EXPECT_NEAR(r.insts[4].start_ns, r.insts[0].end_ns, 1e-9);
  double last_tile_end = 0;
  for (int q = 1; q < 5; ++q) last_tile_end = std::max(last_tile_end, r.insts[q].end_ns);
  EXPECT_NEAR(r.insts[5].start_ns, last_tile_end, 1e-9);
  // Busy time is the union of the overlapping intervals, never more than the elapsed time.
  EXPECT_NEAR(r.queue_busy_ns[0], r.insts[5].end_ns, 1e-6);
  // Untiled, the same five matmuls would run one after another: tiling saves 3 of them.
  EXPECT_LT(r.insts[4].end_ns, 2.1 * (r.insts[0].end_ns - r.insts[0].start_ns));
}

TEST(TimingMatmulModes, DoubleRowOneZeroAndTransposeCosts) {
  const Arch& a = get_arch("trn2");
  K k;
  auto& p = k.st("p", Buffer::Psum, {128, 512});
  auto& w8 = k.st("w8", Buffer::Sbuf, {128, 2, 128}, DType::float8_e4m3);
  auto& x8 = k.st("x8", Buffer::Sbuf, {128, 2, 512}, DType::float8_e4m3);
  auto& w32 = k.st("w32", Buffer::Sbuf, {128, 128});
  auto& x32 = k.st("x32", Buffer::Sbuf, {128, 512});
  timing::EngineState st;
  Instruction dr = k.mm(p, w8, x8);
  dr.set_attr("perf_mode", std::string("double_row"));
  EXPECT_EQ(timing::matmul_cycles(dr, a, st), 512 + 32);  // [128,2,512] streams like [128,512]
  Instruction plain = k.mm(p, w32, x32);
  timing::EngineState s1, s2, s3;
  double full = timing::matmul_cycles(plain, a, s1);
  EXPECT_EQ(full, 4 * 512 + 4 * 32);
  Instruction hint = plain;
  hint.set_attr("is_moving_onezero", true);
  EXPECT_EQ(timing::matmul_cycles(hint, a, s2), full / 2);
  Instruction tr = plain;
  tr.set_attr("is_transpose", true);
  EXPECT_EQ(timing::matmul_cycles(tr, a, s3), full / 2);
  timing::EngineState s4;
  EXPECT_EQ(timing::matmul_cycles(tr, get_arch("trn1"), s4), full);  // trn1: only a profiler tag
}

TEST(TimingMx, MatmulMxQuantizeAndExponentialCosts) {
  const Arch& a = get_arch("trn3");
  K k;
  auto& p = k.st("p", Buffer::Psum, {128, 512});
  auto& w = k.st("w", Buffer::Sbuf, {128, 128}, DType::float8_e4m3fn_x4);
  auto& x = k.st("x", Buffer::Sbuf, {128, 512}, DType::float4_e2m1fn_x4);
  auto& sw = k.st("sw", Buffer::Sbuf, {128, 128}, DType::float8_e8m0fnu);
  auto& sx = k.st("sx", Buffer::Sbuf, {128, 512}, DType::uint8);
  auto& wb = k.st("wb", Buffer::Sbuf, {128, 128}, DType::bfloat16);
  auto& xb = k.st("xb", Buffer::Sbuf, {128, 512}, DType::bfloat16);
  // K = 128 partitions x 4 packed values in the time of a bf16 K = 128 matmul of the same free sizes.
  timing::EngineState s1, s2;
  Instruction mx = k.inst(Opcode::nc_matmul_mx, Engine::Tensor, {&p, &w, &x, &sw, &sx});
  Instruction bf = k.mm(p, wb, xb);
  EXPECT_EQ(timing::matmul_cycles(mx, a, s1), timing::matmul_cycles(bf, a, s2));
  timing::EngineState st;
  EXPECT_EQ(timing::compute_cost(mx, a, st).cycles, 512 + 32);
  // Row tiles of nc_matmul_mx claim their PE quadrants like nc_matmul's.
  tile(mx, 64, 0, 32, 128);
  EXPECT_EQ(timing::pe_region(mx, a).rows, 1u << 2);
  // quantize_mx and exponential: 4 elements per partition per cycle on the Vector engine.
  auto& src = k.st("src", Buffer::Sbuf, {128, 2048}, DType::bfloat16);
  auto& q = k.st("q", Buffer::Sbuf, {128, 512}, DType::float8_e4m3fn_x4);
  auto& qs = k.st("qs", Buffer::Sbuf, {128, 512}, DType::uint8);
  auto& e = k.st("e", Buffer::Sbuf, {128, 2048}, DType::bfloat16);
  Instruction qi = k.inst(Opcode::quantize_mx, Engine::Vector, {&q, &src, &qs});
  EXPECT_EQ(timing::compute_cost(qi, a, st).cycles, 2048 / 4);
  Instruction ex = k.inst(Opcode::exponential, Engine::Vector, {&e, &src});
  ex.operands.push_back(Operand::immediate(0.0));
  EXPECT_EQ(timing::compute_cost(ex, a, st).cycles, 2048 / 4);
}

TEST(TimingMx, MfuAgainstTheMxPeak) {
  const Arch& a = get_arch("trn3");
  EXPECT_DOUBLE_EQ(a.peak_flops_per_ns(false, true), 4 * a.peak_flops_per_ns(false));
  K k;
  auto& p = k.st("p", Buffer::Psum, {128, 512});
  auto& w = k.st("w", Buffer::Sbuf, {128, 128}, DType::float8_e4m3fn_x4);
  auto& x = k.st("x", Buffer::Sbuf, {128, 512}, DType::float8_e4m3fn_x4);
  auto& sw = k.st("sw", Buffer::Sbuf, {128, 128}, DType::uint8);
  auto& sx = k.st("sx", Buffer::Sbuf, {128, 512}, DType::uint8);
  k.k.body.push_back(k.inst(Opcode::nc_matmul_mx, Engine::Tensor, {&p, &w, &x, &sw, &sx}));
  Schedule no_deps;
  no_deps.deps.resize(1);
  no_deps.waits.resize(1);
  auto r = timing::simulate_timing(k.k, no_deps, a);
  EXPECT_TRUE(r.mx_matmul);
  EXPECT_DOUBLE_EQ(r.matmul_flops, 2.0 * 128 * 4 * 128 * 512);  // K x 4 packed values x M x N
  EXPECT_DOUBLE_EQ(r.peak_flops_per_ns, a.peak_flops_per_ns(false, true));
}

TEST(TimingDma, HardwareDgeStartsSooner) {
  const Arch& a = get_arch("trn2");
  K k;
  auto& h = k.st("h", Buffer::SharedHbm, {128, 512});
  auto& s = k.st("s", Buffer::Sbuf, {128, 512});
  for (const char* mode : {"", "hwdge", "swdge"}) {
    Instruction i;
    i.op = Opcode::dma_copy;
    i.engine = Engine::Dma;
    i.operands = {Operand::tensor(AccessPattern::whole(s)), Operand::tensor(AccessPattern::whole(h))};
    if (*mode) i.set_attr("dge_mode", std::string(mode));
    k.k.body = {i};
    Schedule one;
    one.deps.resize(1);
    one.waits.resize(1);
    auto r = timing::simulate_timing(k.k, one, a);
    double transfer = timing::dma_transfer_ns(timing::dma_shape(i, a), a);
    double fixed = std::string(mode) == "hwdge" ? a.dma_hwdge_ns : a.dma_fixed_ns;
    EXPECT_NEAR(r.insts[0].end_ns, fixed + transfer, 1e-6) << mode;
  }
  EXPECT_EQ(a.dma_hwdge_ns, 600);
}

}  // namespace
}  // namespace nki

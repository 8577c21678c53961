// The timing model: each cost formula class on each generation, the DMA model (engines, size
// efficiency, HBM cap, fixed latency), queues and dependencies, and that timing never needs or
// changes the numbers.
#include <gtest/gtest.h>

#include <cmath>

#include "passes/passes.h"
#include "sim/timing/cost.h"
#include "sim/timing/timing.h"

namespace nki {
namespace {

using timing::Cost;
using timing::EngineState;

struct K {
  Kernel k;
  Storage& st(const std::string& name, Buffer b, std::vector<int64_t> shape, DType t = DType::float32) {
    Storage& s = k.add_storage(name, b, t, std::move(shape), {});
    s.partition_start = 0;
    s.byte_offset = 0;
    return s;
  }
  Instruction inst(Opcode op, Engine e, std::vector<const Storage*> ops) {
    Instruction i;
    i.op = op;
    i.engine = e;
    for (auto* s : ops) i.operands.push_back(Operand::tensor(AccessPattern::whole(*s)));
    return i;
  }
};

double cycles(const Instruction& i, const Arch& a) {
  EngineState st;
  return timing::compute_cost(i, a, st).cycles;
}

TEST(Cost, MatmulMaxOfMovingAndFloorFp32FourTimes) {
  for (const char* t : {"trn1", "trn2", "trn3"}) {
    const Arch& a = get_arch(t);
    K k;
    auto& p = k.st("p", Buffer::Psum, {128, 512});
    auto& w = k.st("w", Buffer::Sbuf, {128, 128}, DType::bfloat16);
    auto& x = k.st("x", Buffer::Sbuf, {128, 512}, DType::bfloat16);
    auto& x32 = k.st("x32", Buffer::Sbuf, {128, 16}, DType::bfloat16);
    auto& w32 = k.st("w32", Buffer::Sbuf, {128, 128}, DType::float32);
    auto& x4 = k.st("x4", Buffer::Sbuf, {128, 512}, DType::float32);
    EngineState st;
    // First matmul: LoadStationary (128/4 = 32 cycles) not hidden, then 512.
    EXPECT_EQ(timing::matmul_cycles(k.inst(Opcode::nc_matmul, Engine::Tensor, {&p, &w, &x}), a, st), 512 + 32) << t;
    // Same stationary again: no load.
    EXPECT_EQ(timing::matmul_cycles(k.inst(Opcode::nc_matmul, Engine::Tensor, {&p, &w, &x}), a, st), 512) << t;
    // Short moving: the 64-cycle floor.
    EXPECT_EQ(timing::matmul_cycles(k.inst(Opcode::nc_matmul, Engine::Tensor, {&p, &w, &x32}), a, st), 64) << t;
    // fp32: 4x, and its stationary load (4 x 32 = 128) hides behind the previous 64-cycle MM only partly.
    EXPECT_EQ(timing::matmul_cycles(k.inst(Opcode::nc_matmul, Engine::Tensor, {&p, &w32, &x4}), a, st),
              4 * 512 + 128 - 64) << t;
  }
}

TEST(Cost, VectorScalarGpSimdFormulas) {
  const Arch& a = get_arch("trn1");
  K k;
  auto& f = k.st("f", Buffer::Sbuf, {128, 1000});
  auto& g = k.st("g", Buffer::Sbuf, {128, 1000});
  auto& ps = k.st("ps", Buffer::Psum, {128, 1000});
  auto& small = k.st("small", Buffer::Sbuf, {128, 10});
  EXPECT_EQ(cycles(k.inst(Opcode::tensor_copy, Engine::Vector, {&g, &f}), a), 1000);
  EXPECT_EQ(cycles(k.inst(Opcode::tensor_tensor, Engine::Vector, {&g, &f, &g}), a), 2000);  // two SBUF inputs
  EXPECT_EQ(cycles(k.inst(Opcode::tensor_tensor, Engine::Vector, {&g, &f, &ps}), a), 1000);  // one in PSUM
  EXPECT_EQ(cycles(k.inst(Opcode::tensor_copy, Engine::Vector, {&small, &small}), a), 64);   // MIN_II
  EXPECT_EQ(cycles(k.inst(Opcode::tensor_copy, Engine::GpSimd, {&g, &f}), a), 150 + 1000);   // fixed start
  EXPECT_EQ(cycles(k.inst(Opcode::tensor_copy, Engine::Scalar, {&small, &small}), a), 64);
  // trn2's performance mode: 16-bit SBUF copies 4x, tensor_tensor 2x.
  const Arch& a2 = get_arch("trn2");
  auto& h = k.st("h", Buffer::Sbuf, {128, 1024}, DType::bfloat16);
  EXPECT_EQ(cycles(k.inst(Opcode::tensor_copy, Engine::Vector, {&h, &h}), a2), 256);
  EXPECT_EQ(cycles(k.inst(Opcode::tensor_tensor, Engine::Vector, {&h, &h, &h}), a2), 1024);
  EXPECT_EQ(cycles(k.inst(Opcode::tensor_copy, Engine::Vector, {&h, &h}), a), 1024);  // not on trn1
}

TEST(Cost, ActivationTableLoadsWhenTheFunctionChanges) {
  const Arch& a = get_arch("trn2");
  K k;
  auto& x = k.st("x", Buffer::Sbuf, {128, 128}, DType::bfloat16);
  Instruction exp = k.inst(Opcode::activation, Engine::Scalar, {&x, &x});
  exp.set_attr("op", std::string("exp"));
  Instruction tanh = exp;
  tanh.set_attr("op", std::string("tanh"));
  EngineState st;
  double first = timing::compute_cost(exp, a, st).busy_ns;
  double second = timing::compute_cost(exp, a, st).busy_ns;
  double third = timing::compute_cost(tanh, a, st).busy_ns;
  EXPECT_NEAR(first - second, a.act_table_load_ns, 1e-9);
  EXPECT_NEAR(third, first, 1e-9);
  // §9.7: exp on [128,128] bf16 is ~0.40 us from start to result on trn2.
  EngineState loaded;
  loaded.act_table = "exp";
  EXPECT_NEAR(timing::compute_cost(exp, a, loaded).latency_ns, 400, 40);
}

TEST(Cost, NewOpcodesGetTheirEngineDefault) {
  const Arch& a = get_arch("trn3");
  K k;
  auto& x = k.st("x", Buffer::Sbuf, {128, 300});
  // memset stands in for any Vector instruction the formulas do not name.
  Instruction i = k.inst(Opcode::memset, Engine::Vector, {&x});
  i.set_attr("value", 1.0);
  EXPECT_EQ(cycles(i, a), 300);
  i.engine = Engine::Sync;
  EXPECT_EQ(cycles(i, a), a.gpsimd_start_cycles);
}

TEST(Dma, EnginesEfficiencyAndHbmCap) {
  const Arch& a = get_arch("trn2");
  K k;
  auto& hbm = k.st("hbm", Buffer::SharedHbm, {128, 4096}, DType::bfloat16);
  auto& narrow = k.st("narrow", Buffer::Sbuf, {4, 4096}, DType::bfloat16);
  auto& tile = k.st("tile", Buffer::Sbuf, {128, 128}, DType::bfloat16);
  Instruction one = k.inst(Opcode::dma_copy, Engine::Dma, {&narrow, &hbm});
  one.operands[1].ap.dims = {{4096, 4}, {1, 4096}};
  timing::DmaShape d = timing::dma_shape(one, a);
  EXPECT_EQ(d.engines, 1);  // 4 partitions: one engine
  EXPECT_EQ(d.bytes, 32768);
  EXPECT_EQ(d.row_bytes, 8192);
  EXPECT_NEAR(timing::dma_transfer_ns(d, a), 32768 / a.dma_engine_bytes_per_ns, 1);  // §9.7: 1416 ns measured
  Instruction many = k.inst(Opcode::dma_copy, Engine::Dma, {&tile, &hbm});
  many.operands[1].ap.dims = {{4096, 128}, {1, 128}};
  d = timing::dma_shape(many, a);
  EXPECT_EQ(d.engines, 16);
  EXPECT_EQ(d.row_bytes, 256);
  // 16 staggered engines of 2 KiB each; the HBM cap binds over the per-engine rate.
  double expect = std::max(2048 / a.dma_engine_bytes_per_ns, 32768 / a.hbm_bytes_per_ns) + 15 * a.dma_engine_stagger_ns;
  EXPECT_NEAR(timing::dma_transfer_ns(d, a), expect, 1e-6);
  // Efficiency curve: interpolated in log2(bytes), flat beyond the ends.
  const Arch& t1 = get_arch("trn1");
  EXPECT_DOUBLE_EQ(timing::dma_efficiency(1024, t1), t1.dma_eff_1k);
  EXPECT_NEAR(timing::dma_efficiency(1448, t1), (t1.dma_eff_1k + t1.dma_eff_2k) / 2, 0.01);
  EXPECT_DOUBLE_EQ(timing::dma_efficiency(1 << 20, t1), t1.dma_eff_4k);
  EXPECT_DOUBLE_EQ(timing::dma_efficiency(8, t1), t1.dma_eff_64);
}

TEST(Timing, QueuesDependenciesAndFixedDmaLatency) {
  Arch a = get_arch("trn2");
  a.tensor_warmup_rate = 1;  // no throttle: simpler numbers
  K k;
  auto& hbm = k.st("hbm", Buffer::SharedHbm, {128, 512});
  auto& t = k.st("t", Buffer::Sbuf, {128, 512});
  auto& u = k.st("u", Buffer::Sbuf, {128, 512});
  u.byte_offset = 4096;
  k.k.body.push_back(k.inst(Opcode::dma_copy, Engine::Dma, {&t, &hbm}));
  k.k.body.push_back(k.inst(Opcode::tensor_copy, Engine::Vector, {&u, &t}));   // waits for the DMA
  k.k.body.push_back(k.inst(Opcode::tensor_copy, Engine::Scalar, {&t, &t}));   // WAW/WAR, other engine
  Schedule s = schedule(k.k, a);
  auto r = timing::simulate_timing(k.k, s.deps, a);
  const auto& dma = r.insts[0];
  EXPECT_NEAR(dma.end_ns - dma.start_ns,
              a.dma_fixed_ns + timing::dma_transfer_ns(timing::dma_shape(k.k.body[0], a), a), 1e-6);
  EXPECT_NEAR(r.insts[1].start_ns, dma.done_ns + a.semaphore_latency_ns, 1e-6);
  EXPECT_EQ(r.insts[1].blocker, 0);
  EXPECT_GE(r.insts[2].start_ns, r.insts[1].done_ns);  // WAR on t behind the vector read
  EXPECT_NEAR(r.total_ns, r.insts[2].done_ns, 1e-9);
  EXPECT_EQ(r.hbm_bytes, 128 * 512 * 4);
}

TEST(Timing, IndependentEnginesOverlapAndTensorWarmsUp) {
  const Arch& a = get_arch("trn2");
  K k;
  auto& p = k.st("p", Buffer::Psum, {128, 512});
  auto& w = k.st("w", Buffer::Sbuf, {128, 128}, DType::bfloat16);
  auto& x = k.st("x", Buffer::Sbuf, {128, 512}, DType::bfloat16);
  x.byte_offset = 256;
  auto& v = k.st("v", Buffer::Sbuf, {128, 64});
  v.byte_offset = 2048;
  for (int i = 0; i < 40; ++i) k.k.body.push_back(k.inst(Opcode::nc_matmul, Engine::Tensor, {&p, &w, &x}));
  k.k.body.push_back(k.inst(Opcode::tensor_copy, Engine::Vector, {&v, &v}));
  Schedule s = schedule(k.k, a);
  auto r = timing::simulate_timing(k.k, s.deps, a);
  EXPECT_EQ(r.insts.back().start_ns, 0);  // not behind the matmuls
  // 40 x 512 cycles at 2.4 GHz, the first 3 us at half rate.
  double mm = 512 / a.tensor_clock_ghz;
  EXPECT_NEAR(r.insts[1].end_ns - r.insts[1].start_ns, 2 * mm, 1e-6);
  EXPECT_NEAR(r.insts[39].end_ns - r.insts[39].start_ns, mm, 1e-6);
  EXPECT_NEAR(r.matmul_flops, 40 * 2.0 * 128 * 128 * 512, 1);
  EXPECT_NEAR(r.peak_flops_per_ns, 2 * 128 * 128 * 2.4, 1e-6);
}

TEST(Arch, OverridesAndPrintedValues) {
  Arch a = with_overrides(get_arch("trn2"), {"dma_fixed_ns=100", "sbuf_usable_bytes=1024"});
  EXPECT_EQ(a.dma_fixed_ns, 100);
  EXPECT_EQ(a.sbuf_usable_bytes, 1024);
  EXPECT_THROW(with_overrides(a, {"nope=1"}), UserError);
  EXPECT_THROW(with_overrides(a, {"sbuf_usable_bytes=1.5"}), UserError);
  EXPECT_THROW(with_overrides(a, {"dma_fixed_ns"}), UserError);
  for (const auto& v : a.values()) {
    EXPECT_FALSE(v.description.empty()) << v.key;
    if (v.key != "nc_version") { EXPECT_FALSE(v.unit.empty()) << v.key; }
  }
  EXPECT_NEAR(get_arch("trn1").peak_flops_per_ns(false) / 1000, 91.75, 0.1);  // 92 TFLOPS bf16
  EXPECT_NEAR(get_arch("trn2").peak_flops_per_ns(true) / 1000, 19.66, 0.1);   // 20 TFLOPS fp32
}

}  // namespace
TEST(Cost, TopkAndTheSortLikeInstructions) {
  const Arch& a = get_arch("trn2");
  K k;
  auto& src = k.st("src", Buffer::Sbuf, {128, 40}, DType::bfloat16);
  auto& val = k.st("val", Buffer::Sbuf, {128, 33}, DType::bfloat16);
  auto& idx = k.st("idx", Buffer::Sbuf, {128, 33}, DType::uint32);
  Instruction t = k.inst(Opcode::topk, Engine::GpSimd, {&val, &idx, &src});
  t.set_attr("n", int64_t{601});
  EXPECT_EQ(cycles(t, a), a.gpsimd_start_cycles + 4 * 601 + 33);  // 4n + k (nisa.topk docs)
  auto& x = k.st("x", Buffer::Sbuf, {128, 1000});
  auto& m = k.st("m", Buffer::Sbuf, {128, 8});
  EXPECT_EQ(cycles(k.inst(Opcode::max8, Engine::Vector, {&m, &x}), a), 1000);  // N cycles (legacy docs)
  // local_gather: 150 + V*e / C with C = ((28 + 4e) / 4e) / min(4 / dtype_size, e).
  auto& g = k.st("g", Buffer::Sbuf, {128, 64 * 4});  // V = 64 indices of e = 4 fp32 elements
  auto& ix = k.st("ix", Buffer::Sbuf, {128, 4}, DType::uint16);
  Instruction lg = k.inst(Opcode::local_gather, Engine::GpSimd, {&g, &x, &ix});
  lg.set_attr("num_elem_per_idx", int64_t{4});
  EXPECT_DOUBLE_EQ(cycles(lg, a), a.gpsimd_start_cycles + 256 / ((28.0 + 16) / 16 / 1));
}

}  // namespace nki

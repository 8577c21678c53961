// The timing model: each cost formula class on each generation, the DMA model (engines, size
// efficiency, HBM cap, fixed latency), queues and dependencies, and that timing never needs or
// changes the numbers.
#include <gtest/gtest.h>

#include <cmath>

#include "passes/passes.h"
#include "sim/timing/cost.h"
#include "sim/timing/timing.h"
#include "support/diagnostics.h"
#include "timing_test_util.h"

namespace nki {
namespace {

using timing::Cost;
using timing::EngineState;

using timing_test::K;

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
    EXPECT_EQ(timing::matmul_cycles(k.inst(Opcode::nc_matmul, Engine::Tensor, {&p, &w, &x}), a, st), 512 + 32)
        << t;
    // Same stationary again: no load.
    EXPECT_EQ(timing::matmul_cycles(k.inst(Opcode::nc_matmul, Engine::Tensor, {&p, &w, &x}), a, st), 512)
        << t;
    // Short moving: the 64-cycle floor.
    EXPECT_EQ(timing::matmul_cycles(k.inst(Opcode::nc_matmul, Engine::Tensor, {&p, &w, &x32}), a, st), 64)
        << t;
    // fp32: 4x, and its stationary load (4 x 32 = 128) hides behind the previous 64-cycle MM only partly.
    EXPECT_EQ(timing::matmul_cycles(k.inst(Opcode::nc_matmul, Engine::Tensor, {&p, &w32, &x4}), a, st),
              4 * 512 + 128 - 64)
        << t;
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
  loaded.act_table = ActFn::Exp;
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

TEST(Cost, SelectionAndScanClasses) {
  const Arch& a = get_arch("trn2");
  K k;
  auto& x = k.st("x", Buffer::Sbuf, {128, 1000});
  auto& p = k.st("p", Buffer::Sbuf, {128, 1000}, DType::uint8);
  auto& v = k.st("v", Buffer::Sbuf, {128, 1});
  auto& ids = k.st("ids", Buffer::Sbuf, {1, 1000}, DType::int32);
  auto& b = k.st("b", Buffer::Sbuf, {1, 2, 1000}, DType::int32);
  // One streamed input: max(MIN_II, N).
  EXPECT_EQ(cycles(k.inst(Opcode::dropout, Engine::Vector, {&x, &x, &v}), a), 1000);
  EXPECT_EQ(cycles(k.inst(Opcode::range_select, Engine::Vector, {&x, &x, &v, &v}), a), 1000);
  EXPECT_EQ(cycles(k.inst(Opcode::tensor_scalar_cumulative, Engine::Vector, {&x, &x, &v}), a), 1000);
  // Two streamed tiles (on_true and the predicate): 2N.
  EXPECT_EQ(cycles(k.inst(Opcode::select_reduce, Engine::Vector, {&x, &p, &x, &v}), a), 2000);
  // GpSimd: the fixed start plus one pass over the N ids (dst holds 2N).
  EXPECT_EQ(cycles(k.inst(Opcode::sequence_bounds, Engine::GpSimd, {&b, &ids}), a),
            a.gpsimd_start_cycles + 1000);
}

// Each instruction is priced by its ops.def cost class; the classes' constants are Arch values,
// so --arch-set changes them.
TEST(Cost, ClassesFromOpsDefConstantsFromArch) {
  EXPECT_EQ(op_info(Opcode::reciprocal).cost, CostClass::Reciprocal);
  EXPECT_EQ(op_info(Opcode::select_reduce).cost, CostClass::Stream2);
  for (const OpInfo& info : all_ops())  // only the pseudo-instruction takes no engine time
    EXPECT_EQ(info.cost == CostClass::None, info.engines == ENG_NONE) << info.name;
  const Arch a = with_overrides(get_arch("trn2"), {"reciprocal_passes=3", "stream2_passes=5"});
  K k;
  auto& x = k.st("x", Buffer::Sbuf, {128, 1000});
  auto& p = k.st("p", Buffer::Sbuf, {128, 1000}, DType::uint8);
  auto& v = k.st("v", Buffer::Sbuf, {128, 1});
  EXPECT_EQ(cycles(k.inst(Opcode::reciprocal, Engine::Vector, {&x, &x}), a), 3000);
  EXPECT_EQ(cycles(k.inst(Opcode::select_reduce, Engine::Vector, {&x, &p, &x, &v}), a), 5000);
  EXPECT_EQ(cycles(k.inst(Opcode::tensor_tensor_scan, Engine::Vector, {&x, &x, &x, &v}), a), 5000);
  // activate2 shares activation's class: the same streaming, table load and reduce_res read-out
  // (its reduce_res is operand 5, activation's 4).
  const Arch& t3 = get_arch("trn3");
  Instruction act = k.inst(Opcode::activation, Engine::Scalar, {&x, &x, &v, &v, &v});
  act.set_attr("op", std::string("exp"));
  Instruction act2 = k.inst(Opcode::activate2, Engine::Scalar, {&x, &x, &v, &v, &v, &v});
  act2.set_attr("op", std::string("exp"));
  EngineState s1, s2;
  EXPECT_EQ(timing::compute_cost(act2, t3, s2).busy_ns, timing::compute_cost(act, t3, s1).busy_ns);
  EXPECT_EQ(cycles(act2, t3), 1000 + t3.scalar_min_ii);
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
  EXPECT_EQ(d.row_bytes, 32768);  // four whole rows: one contiguous run
  // Each engine streams at its rate, at most its fair share of the core's HBM bandwidth.
  const double rate = std::min(a.dma_engine_bytes_per_ns, a.hbm_bytes_per_ns / a.dma_engines);
  EXPECT_NEAR(timing::dma_transfer_ns(d, a), 32768 / rate, 1e-6);  // §9.7: 1416 ns measured
  EXPECT_NEAR(timing::dma_transfer_ns(d, a), 1416, 0.05 * 1416);
  Instruction many = k.inst(Opcode::dma_copy, Engine::Dma, {&tile, &hbm});
  many.operands[1].ap.dims = {{4096, 128}, {1, 128}};
  d = timing::dma_shape(many, a);
  EXPECT_EQ(d.engines, 16);
  EXPECT_EQ(d.row_bytes, 256);  // HBM runs of 128 bf16
  // 16 engines of 2 KiB each, started one stagger apart, at the 256-byte efficiency.
  double expect = 2048 / (rate * a.dma_eff_256) + 15 * a.dma_engine_stagger_ns;
  EXPECT_NEAR(timing::dma_transfer_ns(d, a), expect, 1e-6);
  // A contiguous HBM source: its contiguity, not the 256-byte SBUF rows, sets the efficiency.
  auto& flat = k.st("flat", Buffer::SharedHbm, {128, 128}, DType::bfloat16);
  d = timing::dma_shape(k.inst(Opcode::dma_copy, Engine::Dma, {&tile, &flat}), a);
  EXPECT_EQ(d.row_bytes, 32768);
  EXPECT_NEAR(timing::dma_transfer_ns(d, a), 2048 / rate + 15 * a.dma_engine_stagger_ns,
              1e-6);  // §9.7: ~470 ns
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
  k.k.body.push_back(k.inst(Opcode::tensor_copy, Engine::Vector, {&u, &t}));  // waits for the DMA
  k.k.body.push_back(k.inst(Opcode::tensor_copy, Engine::Scalar, {&t, &t}));  // WAW/WAR, other engine
  Schedule s = schedule(k.k, a);
  auto r = timing::simulate_timing(k.k, s, a);
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
  auto r = timing::simulate_timing(k.k, s, a);
  EXPECT_EQ(r.insts.back().start_ns, 0);  // not behind the matmuls
  // 40 x 512 cycles at 2.4 GHz, the first 3 us at half rate.
  double mm = 512 / a.tensor_clock_ghz;
  EXPECT_NEAR(r.insts[1].end_ns - r.insts[1].start_ns, 2 * mm, 1e-6);
  EXPECT_NEAR(r.insts[39].end_ns - r.insts[39].start_ns, mm, 1e-6);
  EXPECT_NEAR(r.matmul_flops, 40 * 2.0 * 128 * 128 * 512, 1);
  EXPECT_NEAR(r.peak_flops_per_ns, 2 * 128 * 128 * 2.4, 1e-6);
}

TEST(Timing, DmaEnginesAreSharedAndFillGaps) {
  Arch a = get_arch("trn2");
  K k;
  auto& hbm = k.st("hbm", Buffer::SharedHbm, {128, 4096});
  auto& t = k.st("t", Buffer::Sbuf, {128, 512});
  auto& u = k.st("u", Buffer::Sbuf, {128, 512});
  u.byte_offset = 2048;
  auto& v = k.st("v", Buffer::Sbuf, {128, 512});
  v.byte_offset = 4096;
  auto& out = k.st("out", Buffer::SharedHbm, {128, 512});
  Instruction load_t = k.inst(Opcode::dma_copy, Engine::Dma, {&t, &hbm});
  load_t.operands[1].ap.dims = {{4096, 128}, {1, 512}};
  Instruction load_v = load_t;
  load_v.operands[0] = Operand::tensor(AccessPattern::whole(v));
  Instruction act = k.inst(Opcode::activation, Engine::Scalar, {&u, &t});
  act.set_attr("op", std::string("exp"));
  k.k.body.push_back(load_t);  // 0
  k.k.body.push_back(load_t);  // 1: same, WAW
  k.k.body.back().operands[0] = Operand::tensor(AccessPattern::whole(v));
  k.k.body.push_back(act);                                                // 2: waits for 0
  k.k.body.push_back(k.inst(Opcode::dma_copy, Engine::Dma, {&out, &u}));  // 3: waits for 2
  k.k.body.push_back(load_v);                                             // 4: WAW behind 1
  Schedule s = schedule(k.k, a);
  auto r = timing::simulate_timing(k.k, s, a);
  const auto &first = r.insts[0], &second = r.insts[1], &store = r.insts[3], &late = r.insts[4];
  const double each = timing::dma_engine_ns(timing::dma_shape(k.k.body[0], a), a);
  // Transfers share the engines: the second load, triggered with the first, streams after it.
  EXPECT_NEAR(second.end_ns, first.end_ns + each, 1e-6);
  // The store waits for the activation; load 4, later in program order but ready before it, is
  // not held behind it: it takes the engines' idle time before the store.
  EXPECT_GE(store.start_ns, r.insts[2].done_ns);
  EXPECT_LE(late.end_ns, store.end_ns - each + 1e-6);
  EXPECT_LT(late.end_ns, store.end_ns);
  // Average engine utilisation: every transfer's engine time over the 16 engines.
  double engine_ns = 0;
  for (int i : {0, 1, 3, 4}) {
    auto d = timing::dma_shape(k.k.body[i], a);
    engine_ns += timing::dma_engine_ns(d, a) * double(d.engines);
  }
  EXPECT_NEAR(r.dma_busy_ns, engine_ns / a.dma_engines, 1e-6);
}

// A runtime loop `for r0 in range(0, n)` around `body`: loop_begin, the body, loop_end.
void runtime_loop(Kernel& k, int64_t n, const std::vector<Instruction>& body) {
  k.num_registers = std::max(k.num_registers, 1);
  Instruction begin;
  begin.op = Opcode::loop_begin;
  begin.engine = Engine::Sync;
  begin.set_attr("kind", std::string("range"));
  begin.set_attr("iv", int64_t{0});
  begin.set_attr("start", int64_t{0});
  begin.set_attr("stop", n);
  begin.set_attr("step", int64_t{1});
  const auto b = static_cast<int64_t>(k.body.size());
  begin.set_attr("end", b + static_cast<int64_t>(body.size()) + 1);
  k.body.push_back(begin);
  for (const auto& i : body) k.body.push_back(i);
  Instruction end;
  end.op = Opcode::loop_end;
  end.engine = Engine::Sync;
  end.set_attr("begin", b);
  k.body.push_back(end);
}

// `for _ in range(n)`: load t from HBM, then the Vector engine copies it to u. The next
// iteration's load overwrites t, so it must wait for the previous copy (a WAR across iterations).
struct LoadCopyLoop : K {
  LoadCopyLoop(int64_t n) {
    auto& hbm = st("hbm", Buffer::SharedHbm, {128, 512});
    auto& t = st("t", Buffer::Sbuf, {128, 512});
    auto& u = st("u", Buffer::Sbuf, {128, 512});
    u.byte_offset = 4096;
    runtime_loop(k, n,
                 {inst(Opcode::dma_copy, Engine::Dma, {&t, &hbm}),
                  inst(Opcode::tensor_copy, Engine::Vector, {&u, &t})});
  }
};

TEST(Timing, RuntimeLoopTimedPerIterationWithLoopCarriedWaits) {
  Arch a = get_arch("trn2");
  LoadCopyLoop k(5);
  Schedule s = schedule(k.k, a);
  EXPECT_EQ(s.carried[1], (std::vector<int>{1, 2}));  // the load: the copy's read of t, its own write
  EXPECT_EQ(s.carried[2], (std::vector<int>{2}));     // the copy: its own write of u
  auto r = timing::simulate_timing(k.k, s, a);
  // loop_begin once, then 5 x (load, copy, loop_end).
  ASSERT_EQ(r.executed, 1 + 5 * 3);
  ASSERT_EQ(r.insts.size(), 16u);
  std::vector<const timing::InstTiming*> loads, copies;
  for (const auto& e : r.insts) {
    if (e.index == 1) loads.push_back(&e);
    if (e.index == 2) copies.push_back(&e);
  }
  ASSERT_EQ(loads.size(), 5u);
  ASSERT_EQ(copies.size(), 5u);
  for (size_t i = 1; i < 5; ++i) {
    EXPECT_GE(loads[i]->start_ns, copies[i - 1]->done_ns) << i;  // the carried WAR
    EXPECT_GE(copies[i]->start_ns, loads[i]->done_ns) << i;
  }
  EXPECT_NEAR(r.hbm_bytes, 5.0 * 128 * 512 * 4, 1);
  // Five iterations cost about five times one.
  LoadCopyLoop one(1);
  auto r1 = timing::simulate_timing(one.k, schedule(one.k, a), a);
  EXPECT_GT(r.total_ns, 4.5 * r1.total_ns);
  EXPECT_LT(r.total_ns, 5.5 * r1.total_ns);
}

TEST(Timing, ZeroTripLoopAndRegisterLoadsNeedAFunctionalRun) {
  const Arch& a = get_arch("trn2");
  K k;
  auto& t = k.st("t", Buffer::Sbuf, {128, 512});
  runtime_loop(k.k, 0, {k.inst(Opcode::memset, Engine::Vector, {&t})});
  auto r = timing::simulate_timing(k.k, schedule(k.k, a), a);
  EXPECT_EQ(r.executed, 1);  // loop_begin only: the body never runs
  K m;
  auto& x = m.st("x", Buffer::Sbuf, {1, 1}, DType::int32);
  Instruction load = m.inst(Opcode::register_load, Engine::Sync, {&x});
  load.set_attr("dst", int64_t{1});
  m.k.num_registers = 2;
  m.k.body.push_back(load);
  runtime_loop(m.k, 3, {m.inst(Opcode::memset, Engine::Vector, {&x})});
  Schedule s = schedule(m.k, a);
  EXPECT_THROW(timing::simulate_timing(m.k, s, a), UserError);
  std::vector<int32_t> loads{7};
  EXPECT_EQ(timing::simulate_timing(m.k, s, a, &loads).executed, 2 + 3 * 2);
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
    if (v.key != "nc_version") {
      EXPECT_FALSE(v.unit.empty()) << v.key;
    }
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

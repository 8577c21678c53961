// The timing of the two cores of an LNC2 launch: each core on its own queues, a core_barrier
// completing after the later core reaches it, a sendrecv starting when both cores can start it.
#include <gtest/gtest.h>

#include "passes/passes.h"
#include "sim/timing/cost.h"
#include "sim/timing/timing.h"

namespace nki {
namespace {

// A core's kernel: `work` vector instructions on a [128, 512] tile, then its sync instruction,
// then one more vector instruction.
struct Core {
  Kernel k;
  Schedule sched;
  Core(int work, Instruction sync) {
    Storage& t = k.add_storage("t", Buffer::Sbuf, DType::float32, {128, 512}, {});
    t.partition_start = 0;
    t.byte_offset = 0;
    Storage& u = k.add_storage("u", Buffer::Sbuf, DType::float32, {128, 512}, {});
    u.partition_start = 0;
    u.byte_offset = 4096;
    Storage& h = k.add_storage("h", Buffer::SharedHbm, DType::float32, {128, 512}, {});
    auto vec = [&] {
      Instruction i;
      i.op = Opcode::tensor_copy;
      i.engine = Engine::Vector;
      i.operands = {Operand::tensor(AccessPattern::whole(u)), Operand::tensor(AccessPattern::whole(t))};
      return i;
    };
    for (int w = 0; w < work; ++w) k.body.push_back(vec());
    sync.operands = sync.op == Opcode::core_barrier
                        ? std::vector<Operand>{Operand::tensor(AccessPattern::whole(h))}
                        : std::vector<Operand>{Operand::tensor(AccessPattern::whole(u)),
                                               Operand::tensor(AccessPattern::whole(t))};
    k.body.push_back(sync);
    k.body.push_back(vec());
    sched = schedule(k, get_arch("trn2"));
  }
};

Instruction barrier() {
  Instruction i;
  i.op = Opcode::core_barrier;
  i.engine = Engine::Vector;
  i.set_attr("cores", "0,1");
  return i;
}

Instruction sendrecv(int64_t peer) {
  Instruction i;
  i.op = Opcode::sendrecv;
  i.engine = Engine::Dma;
  i.set_attr("send_to_rank", peer);
  i.set_attr("recv_from_rank", peer);
  i.set_attr("pipe_id", int64_t{0});
  return i;
}

std::vector<timing::TimingResult> time_cores(Core& a, Core& b) {
  return timing::simulate_timing_cores({{&a.k, &a.sched}, {&b.k, &b.sched}}, get_arch("trn2"));
}

TEST(TimingCores, BarrierWaitsForTheLaterCore) {
  const Arch& arch = get_arch("trn2");
  Core idle(0, barrier()), busy(10, barrier());
  auto t = time_cores(idle, busy);
  const timing::InstTiming& b0 = t[0].insts[0];
  const timing::InstTiming& b1 = t[1].insts[10];
  // Core 0 reaches its barrier at once but leaves only when core 1 has done its ten copies.
  EXPECT_EQ(b0.start_ns, 0);
  EXPECT_GT(b1.start_ns, 0);
  EXPECT_DOUBLE_EQ(b0.done_ns, b1.start_ns + arch.semaphore_latency_ns);
  EXPECT_DOUBLE_EQ(b1.done_ns, b0.done_ns);
  // Both cores finish after the barrier released them.
  EXPECT_GT(t[0].total_ns, b0.done_ns);
  EXPECT_GT(t[1].total_ns, b0.done_ns);
  // Core 0 alone (a barrier of core 0 only) would be done long before.
  Instruction own = barrier();
  own.set_attr("cores", "0");
  Core alone(0, own);
  auto single = timing::simulate_timing(alone.k, alone.sched, arch);
  EXPECT_LT(single.total_ns, t[0].total_ns / 2);
}

TEST(TimingCores, SendrecvStartsWhenBothCoresCan) {
  const Arch& arch = get_arch("trn2");
  Core early(0, sendrecv(1)), late(6, sendrecv(0));
  auto t = time_cores(early, late);
  const timing::InstTiming& s0 = t[0].insts[0];
  const timing::InstTiming& s1 = t[1].insts[6];
  EXPECT_DOUBLE_EQ(s0.done_ns, s1.done_ns);
  // The transfer begins once the later core issued it (plus the DMA trigger latency).
  EXPECT_NEAR(s0.done_ns - s0.transfer_ns, s1.start_ns + arch.dma_fixed_ns, 1e-9);
  EXPECT_GT(s0.transfer_ns, 0);
  EXPECT_EQ(t[0].hbm_bytes, 0);  // SBUF to SBUF
}

}  // namespace
}  // namespace nki

// The pairing of the cores' sync instructions (sim::sync_group): which cores' sendrecv /
// core_barrier complete together, and the deadlock error when none can.
#include "sim/cores.h"

#include <gtest/gtest.h>

namespace nki {
namespace {

Instruction barrier(const std::string& cores) {
  Instruction i;
  i.op = Opcode::core_barrier;
  i.set_attr("cores", cores);
  return i;
}

Instruction sendrecv(int64_t to, int64_t from, int64_t pipe = 0) {
  Instruction i;
  i.op = Opcode::sendrecv;
  i.set_attr("send_to_rank", to);
  i.set_attr("recv_from_rank", from);
  i.set_attr("pipe_id", pipe);
  return i;
}

std::string deadlock_message(const std::vector<const Instruction*>& at) {
  try {
    sim::sync_group(at);
  } catch (const UserError& e) {
    return e.message();
  }
  return "";
}

TEST(SyncGroup, BarrierCompletesWhenEveryCoreReachedIt) {
  Instruction b0 = barrier("0,1"), b1 = barrier("0,1");
  EXPECT_EQ(sim::sync_group({&b0, &b1}), (std::vector<int>{0, 1}));
}

TEST(SyncGroup, BarrierOfOneCore) {
  Instruction b = barrier("0");
  EXPECT_EQ(sim::sync_group({&b}), (std::vector<int>{0}));
}

TEST(SyncGroup, SendrecvPairAndSelfExchange) {
  Instruction s0 = sendrecv(1, 1), s1 = sendrecv(0, 0);
  EXPECT_EQ(sim::sync_group({&s0, &s1}), (std::vector<int>{0, 1}));
  Instruction self = sendrecv(0, 0);
  EXPECT_EQ(sim::sync_group({&self}), (std::vector<int>{0}));
}

TEST(SyncGroup, BarrierOnlyOneCoreReachesIsADeadlock) {
  Instruction b0 = barrier("0,1");
  std::string m = deadlock_message({&b0, nullptr});
  EXPECT_NE(m.find("deadlock: core 0 waits here at core_barrier(cores=(0,1))"), std::string::npos) << m;
  EXPECT_NE(m.find("core 1 finished the kernel without reaching a matching core_barrier"), std::string::npos)
      << m;
}

TEST(SyncGroup, MismatchedPipesAndKindsAreDeadlocks) {
  Instruction s0 = sendrecv(1, 1, 0), s1 = sendrecv(0, 0, 1), b1 = barrier("0,1");
  EXPECT_NE(deadlock_message({&s0, &s1})
                .find("core 1 waits at sendrecv(send_to_rank=0, recv_from_rank=0, pipe_id=1)"),
            std::string::npos);
  EXPECT_NE(deadlock_message({&s0, &b1}).find("core 1 waits at core_barrier(cores=(0,1))"),
            std::string::npos);
  // Core 1 receives from core 1 itself: core 0's send has nobody to take it.
  Instruction bad1 = sendrecv(0, 1);
  EXPECT_NE(deadlock_message({&s0, &bad1}).find("deadlock"), std::string::npos);
}

TEST(SyncGroup, AFinishedCoreDoesNotBlockAPairThatCanComplete) {
  Instruction b0 = barrier("0"), s1 = sendrecv(1, 1);
  EXPECT_EQ(sim::sync_group({&b0, &s1}), (std::vector<int>{0}));
}

}  // namespace
}  // namespace nki

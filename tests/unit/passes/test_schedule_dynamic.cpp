// The schedule pass with dynamically addressed operands (.ap(scalar_offset= / vector_offset=)):
// the operand counts as the whole tensor, and the offset tensor it reads at run time is a read
// (so the load of the indices orders before the gather, and a later write of them after it).
#include <gtest/gtest.h>

#include <memory>

#include "passes/passes.h"
#include "passes_test_util.h"

namespace nki {
namespace {

using G = passes_test::Builder;

TEST(ScheduleDynamic, GatherDependsOnTheIndexLoadAndCoversTheWholeTensor) {
  G g;
  Storage& data = g.alloc("data", Buffer::SharedHbm, {256, 16});
  Storage& idx_hbm = g.alloc("idx_hbm", Buffer::SharedHbm, {64, 1}, DType::uint32);
  Storage& idx = g.alloc("idx", Buffer::Sbuf, {64, 1}, DType::uint32);
  Storage& t = g.alloc("t", Buffer::Sbuf, {64, 16});
  int write_tail = g.add(Opcode::dma_copy, Engine::Dma, {G::rows(data, 200, 56), G::rows(data, 0, 56)});
  int load_idx =
      g.add(Opcode::dma_copy, Engine::Dma, {AccessPattern::whole(idx), AccessPattern::whole(idx_hbm)});
  AccessPattern gathered = G::rows(data, 0, 64);
  auto d = std::make_shared<DynamicOffset>();
  d->vector = true;
  d->index = AccessPattern::whole(idx);
  d->stride = 16;
  gathered.dynamic = d;
  int gather = g.add(Opcode::dma_copy, Engine::Dma, {AccessPattern::whole(t), gathered});
  int overwrite_idx = g.add(Opcode::memset, Engine::Vector, {AccessPattern::whole(idx)});
  allocate(g.k, g.arch);
  Schedule s = schedule(g.k, g.arch);
  // rows 200.. of data are outside the static pattern's rows 0..63, but a gather may read them.
  EXPECT_EQ(s.deps[gather], (std::vector<int>{write_tail, load_idx}));
  EXPECT_EQ(s.deps[overwrite_idx], (std::vector<int>{load_idx, gather}));  // WAW, and WAR on the indices
}

TEST(ScheduleDynamic, StaticPatternOfTheSameRowsWouldNotDepend) {
  G g;
  Storage& data = g.alloc("data", Buffer::SharedHbm, {256, 16});
  Storage& t = g.alloc("t", Buffer::Sbuf, {64, 16});
  g.add(Opcode::dma_copy, Engine::Dma, {G::rows(data, 200, 56), G::rows(data, 0, 56)});
  int read = g.add(Opcode::dma_copy, Engine::Dma, {AccessPattern::whole(t), G::rows(data, 0, 64)});
  allocate(g.k, g.arch);
  EXPECT_TRUE(schedule(g.k, g.arch).deps[read].empty());
}

}  // namespace
}  // namespace nki

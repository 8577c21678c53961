// The schedule pass with dynamically addressed operands (.ap(scalar_offset= / vector_offset=)):
// the operand counts as the whole tensor, and the offset tensor it reads at run time is a read
// (so the load of the indices orders before the gather, and a later write of them after it).
#include <gtest/gtest.h>

#include <memory>

#include "passes/passes.h"

namespace nki {
namespace {

struct G {
  Kernel k;
  const Arch& arch = get_arch("trn2");
  Storage& alloc(const std::string& name, Buffer b, std::vector<int64_t> shape, DType t = DType::float32) {
    Storage& s = k.add_storage(name, b, t, std::move(shape), {});
    Instruction inst;
    inst.op = Opcode::alloc;
    inst.operands = {Operand::tensor(AccessPattern::whole(s))};
    k.body.push_back(inst);
    return s;
  }
  static AccessPattern rows(const Storage& s, int64_t r0, int64_t n) {
    AccessPattern ap = AccessPattern::whole(s);
    ap.offset = r0 * s.shape[1];
    ap.dims = {{s.shape[1], n}, {1, s.shape[1]}};
    return ap;
  }
  int add(Opcode op, Engine e, std::vector<AccessPattern> aps) {
    Instruction inst;
    inst.op = op;
    inst.engine = e;
    for (auto& a : aps) inst.operands.push_back(Operand::tensor(a));
    k.body.push_back(inst);
    return int(k.body.size()) - 1;
  }
};

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

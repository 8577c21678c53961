// The schedule pass: dependencies from overlapping byte ranges (RAW, WAR, WAW), partial overlaps,
// disjoint views, reused physical space, the kernel's explicit edges, and the semaphore waits.
#include <gtest/gtest.h>

#include "passes/passes.h"
#include "passes_test_util.h"

namespace nki {
namespace {

struct Graph : passes_test::Builder {
  // A view [p0:p0+np, f0:f0+nf] of a 2-D on-chip storage, or rows of an HBM one.
  static AccessPattern view(const Storage& s, int64_t p0, int64_t np, int64_t f0, int64_t nf) {
    AccessPattern ap = AccessPattern::whole(s);
    ap.offset = p0 * s.shape[1] + f0;
    ap.dims = {{s.shape[1], np}, {1, nf}};
    return ap;
  }
  int copy(AccessPattern dst, AccessPattern src, Engine e = Engine::Vector) {
    return add(Opcode::tensor_copy, e, {dst, src});
  }
  int dma(AccessPattern dst, AccessPattern src) { return add(Opcode::dma_copy, Engine::Dma, {dst, src}); }
  // loop_begin / loop_end of a runtime loop (the iteration count does not matter here).
  int loop_begin() {
    Instruction inst;
    inst.op = Opcode::loop_begin;
    inst.engine = Engine::Sync;
    k.body.push_back(inst);
    return int(k.body.size()) - 1;
  }
  int loop_end(int begin) {
    Instruction inst;
    inst.op = Opcode::loop_end;
    inst.engine = Engine::Sync;
    inst.set_attr("begin", int64_t{begin});
    k.body.push_back(inst);
    k.body[begin].set_attr("end", int64_t(k.body.size() - 1));
    return int(k.body.size()) - 1;
  }
  Schedule run() {
    for (auto& sp : k.storages)
      if (is_on_chip(sp->buffer) && !sp->byte_offset) allocate(k, arch);
    return schedule(k, arch);
  }
};

using W = AccessPattern;

TEST(Schedule, ReadAfterWriteWriteAfterReadWriteAfterWrite) {
  Graph g;
  Storage& in = g.alloc("in", Buffer::SharedHbm, {128, 64});
  Storage& a = g.alloc("a", Buffer::Sbuf, {128, 64});
  Storage& b = g.alloc("b", Buffer::Sbuf, {128, 64});
  int load = g.dma(W::whole(a), W::whole(in));                  // writes a
  int use = g.copy(W::whole(b), W::whole(a));                   // RAW on a
  int over = g.copy(W::whole(a), W::whole(b), Engine::Scalar);  // WAR on a (use read it), RAW on b
  int again = g.dma(W::whole(a), W::whole(in));                 // WAW on a
  Schedule s = g.run();
  EXPECT_EQ(s.deps[use], (std::vector<int>{load}));
  EXPECT_EQ(s.deps[over], (std::vector<int>{load, use}));  // WAW on a, WAR on a, RAW on b
  EXPECT_EQ(s.deps[again], (std::vector<int>{over}));      // the covering write hides the older accesses
  EXPECT_EQ(s.waits[over], (std::vector<int>{use}));       // one semaphore: use already waited for load
}

TEST(Schedule, DisjointViewsAreIndependentPartialOverlapsAreNot) {
  Graph g;
  Storage& in = g.alloc("in", Buffer::SharedHbm, {128, 512});
  Storage& t = g.alloc("t", Buffer::Sbuf, {128, 512});
  int left = g.dma(Graph::view(t, 0, 128, 0, 256), Graph::view(in, 0, 128, 0, 256));
  int right = g.dma(Graph::view(t, 0, 128, 256, 256), Graph::view(in, 0, 128, 256, 256));
  int top = g.dma(Graph::view(t, 0, 64, 0, 512), Graph::view(in, 0, 64, 0, 512));  // overlaps both
  int bottom_right = g.copy(Graph::view(t, 64, 64, 300, 10), Graph::view(t, 64, 64, 300, 10));
  Schedule s = g.run();
  EXPECT_TRUE(s.deps[right].empty());                          // different columns
  EXPECT_EQ(s.deps[top], (std::vector<int>{left, right}));     // WAW, partial overlaps
  EXPECT_EQ(s.deps[bottom_right], (std::vector<int>{right}));  // partitions 64.. of right only
}

TEST(Schedule, ReusedPhysicalSpaceOrdersDifferentTensors) {
  Graph g;
  Storage& in = g.alloc("in", Buffer::SharedHbm, {128, 64});
  Storage& x = g.alloc("x", Buffer::Sbuf, {128, 64});
  Storage& y = g.alloc("y", Buffer::Sbuf, {128, 64});
  int write_x = g.dma(W::whole(x), W::whole(in));
  int read_x = g.copy(W::whole(y), W::whole(x));
  // z is placed at an explicit address over x, which is dead: writing z must wait for x's reader.
  Storage& z = g.alloc("z", Buffer::Sbuf, {128, 64});
  allocate(g.k, g.arch);
  z.byte_offset = x.byte_offset;
  int write_z = g.dma(W::whole(z), W::whole(in));
  Schedule s = schedule(g.k, g.arch);
  EXPECT_EQ(s.deps[write_z], (std::vector<int>{write_x, read_x}));  // WAW and WAR through x's bytes
}

TEST(Schedule, ExplicitEdgesAreKept) {
  Graph g;
  Storage& a = g.alloc("a", Buffer::Sbuf, {128, 8});
  Storage& b = g.alloc("b", Buffer::Sbuf, {128, 8});
  int first = g.copy(W::whole(a), W::whole(a));
  int second = g.copy(W::whole(b), W::whole(b), Engine::GpSimd);
  g.k.body[second].deps.push_back(uint32_t(first));  // e.g. from .depends_on
  Schedule s = g.run();
  EXPECT_EQ(s.deps[second], (std::vector<int>{first}));
  EXPECT_EQ(s.waits[second], (std::vector<int>{first}));
}

TEST(Schedule, UnrolledLoopTilesPipeline) {
  // The pattern of an unrolled loop: a fresh tile per iteration. With next-fit allocation the
  // iterations touch different slots, so iteration i+1's load does not wait for iteration i.
  Graph g;
  Storage& in = g.alloc("in", Buffer::SharedHbm, {128, 4 * 512});
  Storage& out = g.alloc("out", Buffer::Sbuf, {128, 512});
  std::vector<int> loads;
  for (int it = 0; it < 4; ++it) {
    Storage& t = g.alloc("t", Buffer::Sbuf, {128, 512});
    loads.push_back(g.dma(W::whole(t), Graph::view(in, 0, 128, it * 512, 512)));
    g.add(Opcode::tensor_tensor, Engine::Vector, {W::whole(out), W::whole(out), W::whole(t)});
  }
  Schedule s = g.run();
  for (int it = 1; it < 4; ++it) EXPECT_TRUE(s.deps[loads[it]].empty()) << "iteration " << it;
}

TEST(Schedule, RuntimeLoopsCarryDependenciesIntoTheNextIteration) {
  Graph g;
  Storage& in = g.alloc("in", Buffer::SharedHbm, {128, 64});
  Storage& a = g.alloc("a", Buffer::Sbuf, {128, 64});
  Storage& b = g.alloc("b", Buffer::Sbuf, {128, 64});
  Storage& c = g.alloc("c", Buffer::Sbuf, {128, 64});
  int outer = g.loop_begin();
  int load = g.dma(W::whole(a), W::whole(in));  // overwrites a: WAR on last iteration's use
  int inner = g.loop_begin();
  int use = g.copy(Graph::view(b, 0, 64, 0, 64), W::whole(a));  // writes the top half of b
  int inner_end = g.loop_end(inner);
  int low = g.copy(Graph::view(c, 0, 128, 0, 64), Graph::view(b, 64, 64, 0, 64), Engine::Scalar);
  g.loop_end(outer);
  (void)inner_end;
  Schedule s = g.run();
  // Within one iteration: the usual edges.
  EXPECT_EQ(s.deps[use], (std::vector<int>{load}));
  // Across iterations of the outer loop: the load waits for the previous iteration's reads of a
  // (and its own previous write); the inner copy waits for its own previous write of b.
  EXPECT_EQ(s.carried[load], (std::vector<int>{load, use}));
  EXPECT_EQ(s.carried[use], (std::vector<int>{use}));
  // The Scalar copy reads only b's bottom half, which nothing writes: no edge to `use`, and its
  // own previous write of c is its only carried edge.
  EXPECT_EQ(s.carried[low], (std::vector<int>{low}));
  EXPECT_TRUE(s.deps[low].empty());
  // Straight-line instructions carry nothing.
  for (int i = 0; i < outer; ++i) EXPECT_TRUE(s.carried[i].empty()) << i;
}

TEST(Schedule, WrittenOperandsFollowTheirRoles) {
  // activation writes reduce_res (the accumulators' read-out) besides dst; device_print only
  // reads its operand (role src), so two prints of one tile do not order each other.
  Graph g;
  Storage& x = g.alloc("x", Buffer::Sbuf, {128, 64});
  Storage& e = g.alloc("e", Buffer::Sbuf, {128, 64});
  Storage& sum = g.alloc("sum", Buffer::Sbuf, {128, 1});
  int act = g.add(Opcode::activation, Engine::Scalar, {W::whole(e), W::whole(x)});
  g.k.body[act].operands.push_back(Operand::none());
  g.k.body[act].operands.push_back(Operand::none());
  g.k.body[act].operands.push_back(Operand::tensor(W::whole(sum)));
  int recip = g.add(Opcode::reciprocal, Engine::Vector, {W::whole(sum), W::whole(sum)});
  int print1 = g.add(Opcode::device_print, Engine::Sync, {W::whole(e)});
  int print2 = g.add(Opcode::device_print, Engine::Sync, {W::whole(e)});
  Schedule s = g.run();
  EXPECT_EQ(s.deps[recip], (std::vector<int>{act}));   // RAW through reduce_res
  EXPECT_EQ(s.deps[print1], (std::vector<int>{act}));  // RAW through dst
  EXPECT_EQ(s.deps[print2], (std::vector<int>{act}));  // not after print1
}

TEST(Schedule, PrintListsWaits) {
  Graph g;
  Storage& in = g.alloc("in", Buffer::SharedHbm, {128, 64});
  Storage& a = g.alloc("a", Buffer::Sbuf, {128, 64});
  g.dma(W::whole(a), W::whole(in));
  g.copy(W::whole(a), W::whole(a));
  std::string text = print_schedule(g.k, g.run());
  EXPECT_NE(text.find(";   #3 tensor_copy (vector) <- #2 dma_copy (dma)"), std::string::npos) << text;
}

}  // namespace
// Every destination role is a write, not just operand 0: topk's idx_dst, nc_match_replace8's
// dst_idx, activation's reduce_res; and operand 0 of rand_set_state (src_seeds) is only read.
TEST(Schedule, EveryDestinationRoleIsAWrite) {
  Graph g;
  Storage& src = g.alloc("src", Buffer::Sbuf, {16, 4});
  Storage& val = g.alloc("val", Buffer::Sbuf, {16, 8});
  Storage& idx = g.alloc("idx", Buffer::Sbuf, {16, 8});
  Storage& out = g.alloc("out", Buffer::Sbuf, {16, 8});
  int pre = g.copy(W::whole(out), W::whole(idx));  // reads idx
  int topk = g.add(Opcode::topk, Engine::GpSimd, {W::whole(val), W::whole(idx), W::whole(src)});
  int use = g.copy(W::whole(out), W::whole(idx));                              // RAW on idx
  int seeds = g.add(Opcode::rand_set_state, Engine::GpSimd, {W::whole(src)});  // reads src
  int seeds2 = g.add(Opcode::rand_set_state, Engine::GpSimd, {W::whole(src)});
  Schedule s = g.run();
  EXPECT_EQ(s.deps[topk], (std::vector<int>{pre}));       // WAR on idx
  EXPECT_EQ(s.deps[use], (std::vector<int>{pre, topk}));  // RAW on idx, WAW on out
  EXPECT_TRUE(s.deps[seeds].empty());                     // reading src after topk read it needs no wait
  EXPECT_TRUE(s.deps[seeds2].empty());
}

}  // namespace nki

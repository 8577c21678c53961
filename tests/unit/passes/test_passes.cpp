// The passes on hand-built kernels: allocation with reuse, PSUM banks, explicit addresses and
// overflow; engine selection; a verifier rule.
#include <gtest/gtest.h>

#include "passes/passes.h"
#include "passes_test_util.h"
#include "support/diagnostics.h"

namespace nki {
namespace {

struct Builder : passes_test::Builder {
  void copy(const Storage& dst, const Storage& src) {
    add(Opcode::tensor_copy, Engine::None, {AccessPattern::whole(dst), AccessPattern::whole(src)});
  }
};

TEST(Allocate, NextFitThenReusesSpaceOfDeadTensors) {
  Builder b;
  Storage& x = b.alloc("x", Buffer::Sbuf, {128, 512});
  Storage& y = b.alloc("y", Buffer::Sbuf, {128, 512});
  b.copy(y, x);  // last use of x
  Storage& z = b.alloc("z", Buffer::Sbuf, {128, 256});
  b.copy(z, y);
  // Fills the rest of the partition after z: the next search wraps around.
  const int64_t rest = (b.arch.sbuf_usable_bytes - 5120) / 4 / 4 * 4;
  Storage& big = b.alloc("big", Buffer::Sbuf, {128, rest});
  Storage& w = b.alloc("w", Buffer::Sbuf, {128, 256});
  b.copy(w, big);
  b.copy(w, z);
  allocate(b.k, b.arch);
  EXPECT_EQ(*x.byte_offset, 0);
  EXPECT_EQ(*y.byte_offset, 2048);
  EXPECT_EQ(*z.byte_offset, 4096);  // a fresh slot, not x's: no wait for x's last reader
  EXPECT_EQ(*big.byte_offset, 5120);
  EXPECT_EQ(*w.byte_offset, 0);  // wrapped around into x's space, dead by now
  EXPECT_EQ(*z.partition_start, 0);
}

TEST(Allocate, FragmentationFailsWithTheLargestLiveTensors) {
  Builder b;
  // Four 4 KiB PSUM tensors, the 2nd and 4th die: 8 KiB free, but in two 4 KiB holes.
  Storage& a = b.alloc("a", Buffer::Psum, {128, 1024});
  Storage& h1 = b.alloc("h1", Buffer::Psum, {128, 1024});
  Storage& c = b.alloc("c", Buffer::Psum, {128, 1024});
  Storage& h2 = b.alloc("h2", Buffer::Psum, {128, 1024});
  b.copy(h1, h1);
  b.copy(h2, h2);
  Storage& big = b.alloc("big", Buffer::Psum, {128, 2048});  // 8 KiB contiguous: no hole is large enough
  b.copy(big, a);
  b.copy(big, c);
  try {
    allocate(b.k, b.arch);
    FAIL() << "expected an allocation error";
  } catch (const UserError& e) {
    EXPECT_NE(e.message().find("8192 of 16384 bytes per partition are in use by 2 live tensors"),
              std::string::npos)
        << e.message();
  }
}

TEST(Allocate, PsumTensorsStayInOneBank) {
  Builder b;
  Storage& p = b.alloc("p", Buffer::Psum, {128, 384});   // 1536 bytes
  Storage& q = b.alloc("q", Buffer::Psum, {128, 256});   // 1024 bytes: would straddle banks 0 and 1
  Storage& r = b.alloc("r", Buffer::Psum, {128, 1024});  // 4096 bytes: two whole banks
  b.copy(q, p);
  b.copy(r, q);
  allocate(b.k, b.arch);
  EXPECT_EQ(*p.byte_offset, 0);
  EXPECT_EQ(*q.byte_offset, 2048);
  EXPECT_EQ(*r.byte_offset, 4096);
}

TEST(Allocate, ExplicitAddressesAreKept) {
  Builder b;
  Storage& x = b.alloc("x", Buffer::Sbuf, {64, 16});
  x.partition_start = 64;
  x.byte_offset = 0;
  x.fixed_address = true;
  Storage& y = b.alloc("y", Buffer::Sbuf, {128, 16});
  b.copy(y, y);
  allocate(b.k, b.arch);
  EXPECT_EQ(*x.partition_start, 64);
  EXPECT_EQ(*x.byte_offset, 0);
  EXPECT_EQ(*y.byte_offset, 64);  // after the reserved block
}

TEST(Allocate, OverflowNamesTheLiveTensors) {
  Builder b;
  Storage& x = b.alloc("x", Buffer::Psum, {128, 2048});  // 8 KiB
  Storage& y = b.alloc("y", Buffer::Psum, {128, 1536});  // 6 KiB
  Storage& z = b.alloc("z", Buffer::Psum, {128, 1024});  // 4 KiB: does not fit
  b.copy(z, x);
  b.copy(z, y);
  try {
    allocate(b.k, b.arch);
    FAIL() << "expected an allocation error";
  } catch (const UserError& e) {
    EXPECT_NE(
        e.message().find("psum is full: tensor 'z' (f32[128,1024], 4096 bytes per partition) does not fit; "
                         "14336 of 16384 bytes per partition are in use by 2 live tensors"),
        std::string::npos)
        << e.message();
    EXPECT_LT(e.message().find("'x'"), e.message().find("'y'"));  // largest first
  }
}

TEST(SelectEngines, DefaultsPerInstruction) {
  Builder b;
  Storage& s = b.alloc("s", Buffer::Sbuf, {32, 32});
  Storage& p = b.alloc("p", Buffer::Psum, {32, 32});
  b.copy(s, s);
  Instruction t;
  t.op = Opcode::nc_transpose;
  t.operands = {Operand::tensor(AccessPattern::whole(p)), Operand::tensor(AccessPattern::whole(s))};
  b.k.body.push_back(t);
  t.operands = {Operand::tensor(AccessPattern::whole(s)), Operand::tensor(AccessPattern::whole(p))};
  b.k.body.push_back(t);
  select_engines(b.k, b.arch);
  EXPECT_EQ(b.k.body[0].engine, Engine::None);  // alloc
  EXPECT_EQ(b.k.body[2].engine, Engine::Vector);
  EXPECT_EQ(b.k.body[3].engine, Engine::Tensor);  // SBUF -> PSUM on the PE array
  EXPECT_EQ(b.k.body[4].engine, Engine::Vector);  // 32x32 on the Vector Engine
  verify(b.k, b.arch);
}

TEST(Verify, NamesInstructionAndRule) {
  Builder b;
  Storage& x = b.alloc("x", Buffer::Sbuf, {128, 64});
  Storage& y = b.alloc("y", Buffer::Sbuf, {128, 32});
  b.copy(y, x);
  select_engines(b.k, b.arch);
  try {
    verify(b.k, b.arch);
    FAIL() << "expected a verifier error";
  } catch (const UserError& e) {
    EXPECT_EQ(e.message(),
              "tensor_copy: dst covers 128 partitions x 32 elements, src covers 128 partitions x 64 "
              "elements; they must match");
  }
}

}  // namespace
}  // namespace nki

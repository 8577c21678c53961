// sim::Machine: access-pattern address mapping (partition-major on chip, linear in HBM,
// reinterpreting views, patterns that cross partitions), bounds faults, poison values, PSUM
// written flags, and rounding on write.
#include <cstring>

#include "sim_test_util.h"

namespace nki::test {
namespace {

TEST(Walk, OnChipAddressIsPartitionMajor) {
  KernelBuilder b;
  Storage& t = b.sbuf("t", DType::float32, {4, 8}, /*partition_start=*/2, /*byte_offset=*/64);
  sim::Machine m(trn2(), b.k);
  const sim::Walk w = m.walk(AccessPattern::whole(t), "x");
  const int64_t psz = trn2().sbuf_partition_bytes;
  ASSERT_EQ(w.size(), 32);
  EXPECT_EQ(w.rows(), 4);
  EXPECT_TRUE(w.cols_contiguous);
  EXPECT_FALSE(w.contiguous);
  for (int64_t p = 0; p < 4; ++p)
    for (int64_t f = 0; f < 8; ++f) EXPECT_EQ(w.offset(p * 8 + f), (2 + p) * psz + 64 + f * 4);
}

TEST(Walk, StridedAndReinterpretingViews) {
  KernelBuilder b;
  Storage& t = b.sbuf("t", DType::float32, {4, 8}, 0, 16);
  sim::Machine m(trn2(), b.k);
  const int64_t psz = trn2().sbuf_partition_bytes;
  // Partitions 1 and 3, columns 2, 5 (step 3).
  const sim::Walk w = m.walk(ap(t, 8 + 2, {{16, 2}, {3, 2}}), "x");
  EXPECT_EQ(w.offset(0), 1 * psz + 16 + 2 * 4);
  EXPECT_EQ(w.offset(1), 1 * psz + 16 + 5 * 4);
  EXPECT_EQ(w.offset(2), 3 * psz + 16 + 2 * 4);
  EXPECT_FALSE(w.cols_contiguous);
  // The same storage as bf16: 16 elements of 2 bytes per partition.
  const sim::Walk v = m.walk(ap(t, 16 + 3, {{16, 2}, {1, 4}}, DType::bfloat16), "x");
  EXPECT_EQ(v.esize, 2);
  EXPECT_EQ(v.offset(0), 1 * psz + 16 + 3 * 2);
  EXPECT_EQ(v.offset(4), 2 * psz + 16 + 3 * 2);
}

TEST(Walk, PatternCrossingPartitionsFallsBackToOneRow) {
  KernelBuilder b;
  Storage& t = b.sbuf("t", DType::float32, {4, 4});
  sim::Machine m(trn2(), b.k);
  const int64_t psz = trn2().sbuf_partition_bytes;
  const sim::Walk w = m.walk(ap(t, 2, {{3, 4}}), "x");  // elements 2, 5, 8, 11
  ASSERT_EQ(w.size(), 4);
  EXPECT_EQ(w.offset(0), 0 * psz + 8);
  EXPECT_EQ(w.offset(1), 1 * psz + 4);
  EXPECT_EQ(w.offset(2), 2 * psz + 0);
  EXPECT_EQ(w.offset(3), 2 * psz + 12);
}

TEST(Walk, HbmIsLinear) {
  KernelBuilder b;
  Storage& a = b.input("a", DType::bfloat16, {3, 5});
  sim::Machine m(trn2(), b.k);
  const sim::Walk w = m.walk(ap(a, 1, {{5, 3}, {2, 2}}), "x");
  EXPECT_EQ(w.kind, sim::MemKind::Hbm);
  EXPECT_EQ(w.offset(0), 2);
  EXPECT_EQ(w.offset(1), 6);
  EXPECT_EQ(w.offset(2), 12);
  EXPECT_TRUE(m.walk(AccessPattern::whole(a), "x").contiguous);
}

std::string fault(sim::Machine& m, const AccessPattern& a) {
  try {
    m.walk(a, "data");
  } catch (const UserError& e) {
    return e.message();
  }
  return "";
}

TEST(Walk, FaultsAreUserErrors) {
  KernelBuilder b;
  Storage& hi = b.sbuf("hi", DType::float32, {4, 8}, /*partition_start=*/126);
  Storage& ok = b.sbuf("ok", DType::float32, {128, 8});
  Storage& wide = b.sbuf("wide", DType::float32, {1, 8}, 0, trn2().sbuf_partition_bytes - 16);
  Storage& noaddr = b.k.add_storage("na", Buffer::Sbuf, DType::float32, {1, 1}, {});
  Storage& h = b.input("h", DType::float32, {4, 4});
  Storage& odd = b.sbuf("odd", DType::bfloat16, {2, 3});
  sim::Machine m(trn2(), b.k);
  EXPECT_NE(fault(m, AccessPattern::whole(hi)).find("reaches partition 129"), std::string::npos);
  EXPECT_NE(fault(m, ap(ok, -8, {{8, 2}, {1, 8}})).find("reaches partition -1"), std::string::npos);
  EXPECT_NE(fault(m, AccessPattern::whole(wide)).find("outside the"), std::string::npos);
  EXPECT_NE(fault(m, AccessPattern::whole(noaddr)).find("no SBUF/PSUM address"), std::string::npos);
  EXPECT_NE(fault(m, ap(h, 10, {{4, 2}, {1, 4}})).find("reaches element 17"), std::string::npos);
  EXPECT_NE(fault(m, ap(h, -1, {{1, 2}})).find("reaches element -1"), std::string::npos);
  EXPECT_NE(fault(m, ap(odd, 0, {{1, 1}}, DType::float32)).find("not a whole number"), std::string::npos);
  EXPECT_NE(fault(m, ap(ok, 0, {{8, 1 << 20}, {1, 1 << 20}})).find("2^31"), std::string::npos);
  EXPECT_EQ(fault(m, AccessPattern::whole(ok)), "");
}

TEST(Machine, AllocPoisonsPerDtype) {
  KernelBuilder b;
  Storage& f = b.sbuf("f", DType::float32, {2, 2});
  Storage& bf = b.sbuf("bf", DType::bfloat16, {2, 2}, 0, 64);
  Storage& h = b.sbuf("h", DType::float16, {2, 2}, 0, 128);
  Storage& i = b.sbuf("i", DType::int32, {2, 2}, 0, 192);
  Storage& u = b.psum("u", DType::uint8, {2, 4});
  for (Storage* s : {&f, &bf, &h, &i, &u}) b.add(Opcode::alloc, {T(*s)});
  sim::Machine m(trn2(), b.k);
  for (const auto& inst : b.k.body) exec(m, inst);
  for (float v : peek(m, AccessPattern::whole(f))) EXPECT_TRUE(std::isnan(v));
  for (float v : peek(m, AccessPattern::whole(i))) EXPECT_EQ(v, 4.0f);
  for (float v : peek(m, AccessPattern::whole(u))) EXPECT_EQ(v, 4.0f);
  const auto raw_bf = m.gather(m.walk(AccessPattern::whole(bf), "x"));
  EXPECT_EQ(raw_bf[0], 0xC0);
  EXPECT_EQ(raw_bf[1], 0x7F);
  const auto raw_h = m.gather(m.walk(AccessPattern::whole(h), "x"));
  EXPECT_EQ(raw_h[0], 0x00);
  EXPECT_EQ(raw_h[1], 0x7E);
  const auto raw_f = m.gather(m.walk(AccessPattern::whole(f), "x"));
  uint32_t w;
  std::memcpy(&w, raw_f.data(), 4);
  EXPECT_EQ(w, 0x7FC00000u);
}

TEST(Machine, HbmOutputsArePoisonedAndArgumentsKeptByAlloc) {
  KernelBuilder b;
  Storage& a = b.input("a", DType::float32, {2});
  Storage& o = b.output("o", DType::int16, {2});
  b.add(Opcode::alloc, {T(a)});
  b.add(Opcode::alloc, {T(o)});
  Simulator sim(trn2(), b.k);
  sim.set_input(0, host(DType::float32, {2}, {1.0f, 2.0f}));
  sim.run();
  EXPECT_EQ(values(sim.read_hbm(a)), (std::vector<float>{1.0f, 2.0f}));
  EXPECT_EQ(values(sim.output(0)), (std::vector<float>{4.0f, 4.0f}));
}

TEST(Machine, WritesRoundToTheDtype) {
  KernelBuilder b;
  Storage& t = b.sbuf("t", DType::bfloat16, {1, 3});
  Storage& i = b.sbuf("i", DType::int8, {1, 3}, 0, 64);
  sim::Machine m(trn2(), b.k);
  poke(m, AccessPattern::whole(t), {1.00390625f /* 1 + 2^-8: tie */, 1.01171875f, 3.0e38f});
  EXPECT_EQ(peek(m, AccessPattern::whole(t)),
            (std::vector<float>{1.0f, 1.015625f, bf16_bits_to_f32(0x7F62)}));
  poke(m, AccessPattern::whole(i), {2.5f, -300.0f, NAN});
  EXPECT_EQ(peek(m, AccessPattern::whole(i)), (std::vector<float>{2.0f, -128.0f, 0.0f}));
}

TEST(Machine, PsumWrittenFlags) {
  KernelBuilder b;
  Storage& p = b.psum("p", DType::float32, {2, 4});
  b.add(Opcode::alloc, {T(p)});
  sim::Machine m(trn2(), b.k);
  exec(m, b.k.body[0]);
  const sim::Walk all = m.walk(AccessPattern::whole(p), "x");
  for (int64_t k = 0; k < all.size(); ++k) EXPECT_FALSE(m.psum_word_written(all.offset(k)));
  poke(m, ap(p, 4, {{4, 1}, {1, 2}}), {1.0f, 2.0f});  // partition 1, columns 0-1
  for (int64_t k = 0; k < all.size(); ++k)
    EXPECT_EQ(m.psum_word_written(all.offset(k)), k == 4 || k == 5) << k;
  exec(m, b.k.body[0]);  // a new alloc starts a new accumulation state
  for (int64_t k = 0; k < all.size(); ++k) EXPECT_FALSE(m.psum_word_written(all.offset(k)));
}

}  // namespace
}  // namespace nki::test

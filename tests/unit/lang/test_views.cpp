// Tensor views from indexing: shapes, strides and offsets of the access patterns the
// specializer builds (nki-api.md §4.2), seen through the instructions that use them.
#include "ir/kernel.h"
#include "lang_test_util.h"

namespace nki::test {
namespace {

const char* kHeader = "import nki\nimport nki.language as nl\nimport nki.isa as nisa\n\n";

// The src access pattern of the last dma_copy of `body` run on input a[4,256,64].
AccessPattern last_dma_src(const std::string& body, std::vector<int64_t> shape = {4, 256, 64}) {
  static std::vector<Specialized> keep;  // storages must outlive the returned pattern
  keep.push_back(specialize_source(std::string(kHeader) + "def k(a):\n" + body, "k", {tensor("a", shape)}));
  const Kernel& k = *keep.back().kernel;
  for (auto it = k.body.rbegin(); it != k.body.rend(); ++it)
    if (it->op == Opcode::dma_copy) return it->operands[1].ap;
  ADD_FAILURE() << "no dma_copy";
  return {};
}

std::vector<ApDim> dims(std::initializer_list<std::pair<int64_t, int64_t>> d) {
  std::vector<ApDim> v;
  for (auto [s, n] : d) v.push_back(ApDim{s, n});
  return v;
}

TEST(Views, HbmIntIndexDropsDims) {
  AccessPattern ap = last_dma_src(
      "    t = nl.ndarray((128, 64), dtype=nl.float32)\n    nisa.dma_copy(dst=t, src=a[1, 0:128])\n");
  EXPECT_EQ(ap.offset, 256 * 64);
  EXPECT_EQ(ap.dims, dims({{64, 128}, {1, 64}}));
}

TEST(Views, HbmSlicesWithStepsAndDs) {
  AccessPattern ap = last_dma_src(
      "    t = nl.ndarray((64, 32), dtype=nl.float32)\n    nisa.dma_copy(dst=t, src=a[2, nl.ds(64, 64), "
      "1::2])\n");
  EXPECT_EQ(ap.offset, 2 * 256 * 64 + 64 * 64 + 1);
  EXPECT_EQ(ap.dims, dims({{64, 64}, {2, 32}}));
}

TEST(Views, HbmNegativeIndicesAndEllipsis) {
  AccessPattern ap = last_dma_src(
      "    t = nl.ndarray((128, 64), dtype=nl.float32)\n    nisa.dma_copy(dst=t, src=a[-1, -128:, ...])\n");
  EXPECT_EQ(ap.offset, 3 * 256 * 64 + 128 * 64);
  EXPECT_EQ(ap.dims, dims({{64, 128}, {1, 64}}));
}

TEST(Views, AllIntsOnHbmKeepOneDim) {
  AccessPattern ap = last_dma_src(
      "    t = nl.ndarray((1, 1), dtype=nl.float32)\n    nisa.dma_copy(dst=t, src=a[1, 2, 3])\n");
  EXPECT_EQ(ap.offset, 256 * 64 + 2 * 64 + 3);
  EXPECT_EQ(ap.dims, dims({{1, 1}}));
}

TEST(Views, OnChipIntKeepsPartitionAndLastFreeDim) {
  // t[:, 0, 10] on (64, 64, 64) is (64, 1); t[0, 0, 10] is (1, 1).
  std::string printed;
  specialize_source(std::string(kHeader) +
                        "def k():\n"
                        "    t = nl.ndarray((64, 64, 64), dtype=nl.float32)\n"
                        "    print(t[:, 0, 10].shape, t[0, 0, 10].shape, t[5].shape, t[:, 3].shape)\n"
                        "    print(t[:, 0, 10].offset, t[5].strides, t[:, :, ::4].strides)\n",
                    "k", {}, &printed);
  EXPECT_EQ(printed, "(64, 1) (1, 1) (1, 64, 64) (64, 64)\n10 (4096, 64, 1) (4096, 64, 4)\n");
}

TEST(Views, OnChipViewOfView) {
  AccessPattern ap = last_dma_src(
      "    t = nl.ndarray((128, 4, 64), dtype=nl.float32)\n"
      "    u = t[32:96, 1:3, :]\n"
      "    nisa.dma_copy(dst=a[0, 0:64, :], src=u[:, 1, 8:16])\n");
  EXPECT_EQ(ap.offset, 32 * 256 + 2 * 64 + 8);
  EXPECT_EQ(ap.dims, dims({{256, 64}, {1, 8}}));
  EXPECT_EQ(ap.start_partition(), 32);
  EXPECT_EQ(ap.num_partitions(), 64);
  EXPECT_EQ(ap.elems_per_partition(), 8);
}

TEST(Views, Errors) {
  auto err = [](const std::string& expr) {
    return specialize_error(std::string(kHeader) + "def k(a):\n    x = " + expr + "\n", "k",
                            {tensor("a", {4, 256, 64})});
  };
  EXPECT_EQ(err("a[4]"), "index 4 is out of bounds for dimension 0 of tensor 'a' (size 4)");
  EXPECT_EQ(err("a[-5]"), "index -5 is out of bounds for dimension 0 of tensor 'a' (size 4)");
  EXPECT_EQ(err("a[0, 200:300]"), "slice 200:300 is out of bounds for dimension 1 of tensor 'a' (size 256)");
  EXPECT_EQ(err("a[0, nl.ds(250, 8)]"),
            "slice 250:258 is out of bounds for dimension 1 of tensor 'a' (size 256)");
  EXPECT_EQ(err("a[0, 5:5]"), "slice 5:5 is out of bounds for dimension 1 of tensor 'a' (size 256)");
  EXPECT_EQ(err("a[0, 0, 0, 0]"), "too many indices for tensor 'a': it has 3 dimensions but 4 were indexed");
  EXPECT_EQ(err("a[..., ...]"), "an index can only have a single ellipsis ('...')");
  EXPECT_EQ(err("a[0, ::-1]"), "slice step must be positive, got -1 (dimension 1)");
  EXPECT_EQ(err("a['x']"),
            "tensor indices must be ints, slices, '...' or nl.ds(start, size), not str (dimension 0)");
}

}  // namespace
}  // namespace nki::test

// for_each_element (ir/tensor.h): row-major walks of 0-3 dim access patterns with offsets,
// strides, broadcast (step 0) and empty dims.
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "ir/tensor.h"

namespace nki {
namespace {

std::vector<std::pair<int64_t, int64_t>> walk(int64_t offset, std::vector<ApDim> dims) {
  AccessPattern ap;
  ap.offset = offset;
  ap.dims = std::move(dims);
  std::vector<std::pair<int64_t, int64_t>> out;
  for_each_element(ap, [&](int64_t lin, int64_t e) { out.emplace_back(lin, e); });
  return out;
}

// The reference: nested loops.
std::vector<std::pair<int64_t, int64_t>> reference(int64_t offset, const std::vector<ApDim>& d) {
  std::vector<std::pair<int64_t, int64_t>> out;
  int64_t lin = 0;
  const size_t n = d.size();
  const int64_t n0 = n > 0 ? d[0].num : 1, n1 = n > 1 ? d[1].num : 1, n2 = n > 2 ? d[2].num : 1;
  for (int64_t i = 0; i < n0; ++i)
    for (int64_t j = 0; j < n1; ++j)
      for (int64_t k = 0; k < n2; ++k) {
        int64_t e = offset;
        if (n > 0) e += i * d[0].step;
        if (n > 1) e += j * d[1].step;
        if (n > 2) e += k * d[2].step;
        out.emplace_back(lin++, e);
      }
  return out;
}

TEST(ForEachElement, ScalarPattern) {
  EXPECT_EQ(walk(5, {}), (std::vector<std::pair<int64_t, int64_t>>{{0, 5}}));
}

TEST(ForEachElement, OneDim) {
  EXPECT_EQ(walk(3, {{2, 4}}), reference(3, {{2, 4}}));
  EXPECT_EQ(walk(3, {{2, 4}}).back(), (std::pair<int64_t, int64_t>{3, 9}));
}

TEST(ForEachElement, TwoAndThreeDimsWithStrides) {
  const std::vector<std::vector<ApDim>> cases = {
      {{512, 128}, {1, 512}},       // a dense [128, 512] tile
      {{512, 4}, {2, 8}},           // every other column
      {{1024, 3}, {1, 2}},          // every other partition
      {{100, 2}, {10, 3}, {1, 4}},  // 3-D
      {{100, 2}, {1, 3}, {10, 4}},  // 3-D transposed inner dims
      {{512, 3}, {0, 2}, {1, 5}},   // broadcast middle dim
      {{8, 2}, {1, 1}, {-1, 3}},    // unit dim and a negative step
  };
  for (const auto& c : cases) EXPECT_EQ(walk(7, c), reference(7, c));
}

TEST(ForEachElement, EmptyDimVisitsNothing) {
  EXPECT_TRUE(walk(0, {{4, 0}, {1, 4}}).empty());
  EXPECT_TRUE(walk(0, {{4, 3}, {1, 0}}).empty());
  EXPECT_TRUE(walk(0, {{4, 3}, {1, 2}, {1, 0}}).empty());
}

}  // namespace
}  // namespace nki

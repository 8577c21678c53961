// .npz reading: the stored (np.savez) and deflated (np.savez_compressed) archives of
// tests/errors/data, and the errors for a file that is not an archive or does not exist.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "support/diagnostics.h"
#include "support/npy.h"

namespace nki {
namespace {

std::string data(const std::string& name) {
  return std::string(NKI_SOURCE_DIR) + "/tests/errors/data/" + name;
}

TEST(Npz, StoredMembersInArchiveOrder) {
  auto arrays = read_npz(data("ab.npz"));
  ASSERT_EQ(arrays.size(), 2u);
  EXPECT_EQ(arrays[0].first, "a");
  EXPECT_EQ(arrays[1].first, "b");
  for (const auto& [key, a] : arrays) {
    EXPECT_EQ(a.dtype, DType::float32);
    EXPECT_EQ(a.shape, (std::vector<int64_t>{128, 4}));
    float v;
    std::memcpy(&v, a.data.data(), 4);
    EXPECT_EQ(v, key == "a" ? 1.0f : 0.0f);  // np.ones and np.zeros
  }
}

TEST(Npz, DeflatedMembers) {
  auto arrays = read_npz(data("ab_compressed.npz"));
  ASSERT_EQ(arrays.size(), 2u);
  const HostArray& a = arrays[0].second;
  EXPECT_EQ(a.dtype, DType::int32);
  EXPECT_EQ(a.shape, (std::vector<int64_t>{2, 3}));
  int32_t v[6];
  std::memcpy(v, a.data.data(), sizeof v);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(v[i], i);
  const HostArray& b = arrays[1].second;
  float f[2];
  std::memcpy(f, b.data.data(), sizeof f);
  EXPECT_EQ(f[0], 1.5f);
  EXPECT_EQ(f[1], -2.0f);
}

TEST(Npz, Errors) {
  try {
    read_npz(data("not_a_zip.npz"));
    FAIL() << "expected an error";
  } catch (const UserError& e) {
    EXPECT_NE(e.message().find("not a .npz file (no zip directory found)"), std::string::npos) << e.message();
  }
  try {
    read_npz(data("missing.npz"));
    FAIL() << "expected an error";
  } catch (const UserError& e) {
    EXPECT_NE(e.message().find("cannot open file"), std::string::npos) << e.message();
  }
  EXPECT_TRUE(read_npz(data("empty.npz")).empty());
}

}  // namespace
}  // namespace nki

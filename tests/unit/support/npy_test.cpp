// .npy reading and writing: round trips for every dtype, header versions 1-3, the float64/int64
// narrowing, and every error message (each must name the file).
#include "support/npy.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/diagnostics.h"
#include "support/shape.h"

namespace nki {
namespace {

namespace fs = std::filesystem;

class NpyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("nki_npy_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // Writes an .npy file with the given version, header dict text and raw data.
  std::string make(const std::string& name, int major, std::string dict, const std::string& data) {
    const size_t pre = major == 1 ? 10 : 12;
    const size_t total = (pre + dict.size() + 1 + 63) / 64 * 64;
    dict.append(total - pre - dict.size() - 1, ' ');
    dict += '\n';
    std::string out = "\x93NUMPY";
    out += static_cast<char>(major);
    out += '\0';
    const uint32_t n = static_cast<uint32_t>(dict.size());
    out += static_cast<char>(n & 0xFF);
    out += static_cast<char>((n >> 8) & 0xFF);
    if (major != 1) {
      out += static_cast<char>((n >> 16) & 0xFF);
      out += static_cast<char>((n >> 24) & 0xFF);
    }
    out += dict + data;
    const std::string p = path(name);
    std::ofstream(p, std::ios::binary).write(out.data(), static_cast<std::streamsize>(out.size()));
    return p;
  }

  // The UserError message of read_npy(p); fails the test if it does not throw one.
  std::string read_error(const std::string& p) {
    try {
      read_npy(p);
    } catch (const UserError& e) {
      EXPECT_NE(e.message().find(p), std::string::npos) << "message must name the file: " << e.message();
      return e.message();
    }
    ADD_FAILURE() << "no error reading " << p;
    return "";
  }

  fs::path dir_;
};

template <typename T>
std::string raw(std::initializer_list<T> v) {
  std::string s(v.size() * sizeof(T), '\0');
  std::memcpy(s.data(), std::data(v), s.size());
  return s;
}

HostArray make_array(DType t, std::vector<int64_t> shape) {
  HostArray a;
  a.dtype = t;
  a.shape = std::move(shape);
  a.data.resize(static_cast<size_t>(a.size() * dtype_size(t)));
  for (size_t i = 0; i < a.data.size(); ++i) a.data[i] = static_cast<uint8_t>(i * 37 + 11);
  if (t == DType::bool_)
    for (auto& b : a.data) b &= 1;
  if (t == DType::float32 || t == DType::float16) {  // keep the values non-NaN for EXPECT_EQ on bytes
    for (int64_t i = 0; i < a.size(); ++i)
      store_from_f32(t, static_cast<float>(i) * 0.5f - 3.0f, a.data.data() + i * dtype_size(t));
  }
  return a;
}

TEST(HostArray, SizeAndShapeString) {
  HostArray a;
  a.shape = {128, 512};
  EXPECT_EQ(a.size(), 65536);
  EXPECT_EQ(shape_str(a.shape, ShapeForm::Spec), "128x512");
  a.shape = {};
  EXPECT_EQ(a.size(), 1);
  EXPECT_EQ(shape_str(a.shape, ShapeForm::Spec), "scalar");
}

TEST_F(NpyTest, RoundTripsEveryNumpyDtype) {
  for (DType t : {DType::float32, DType::float16, DType::int8, DType::int16, DType::int32, DType::uint8,
                  DType::uint16, DType::uint32, DType::bool_}) {
    for (std::vector<int64_t> shape : {std::vector<int64_t>{}, {7}, {3, 5}, {2, 3, 4}, {0, 4}}) {
      const HostArray a = make_array(t, shape);
      const std::string p = path("rt.npy");
      write_npy(p, a);
      const HostArray b = read_npy(p);
      EXPECT_EQ(b.dtype, t) << dtype_name(t);
      EXPECT_EQ(b.shape, shape) << dtype_name(t);
      EXPECT_EQ(b.data, a.data) << dtype_name(t);
    }
  }
}

TEST_F(NpyTest, WidensNumpyLessFloatsToFloat32Exactly) {
  for (DType t :
       {DType::bfloat16, DType::tfloat32, DType::float8_e4m3, DType::float8_e4m3fn, DType::float8_e5m2}) {
    HostArray a;
    a.dtype = t;
    a.shape = {2, 2};
    a.data.resize(4 * dtype_size(t));
    const float vals[4] = {1.0f, -2.5f, 0.375f, 12.0f};
    for (int i = 0; i < 4; ++i) store_from_f32(t, vals[i], a.data.data() + i * dtype_size(t));
    write_npy(path("w.npy"), a);
    const HostArray b = read_npy(path("w.npy"));
    ASSERT_EQ(b.dtype, DType::float32);
    ASSERT_EQ(b.shape, a.shape);
    for (int i = 0; i < 4; ++i)
      EXPECT_EQ(load_as_f32(DType::float32, b.data.data() + 4 * i),
                load_as_f32(t, a.data.data() + i * dtype_size(t)));
  }
}

TEST_F(NpyTest, HeaderIsAlignedAndReadableAsText) {
  write_npy(path("h.npy"), make_array(DType::int32, {3}));
  std::ifstream in(path("h.npy"), std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GE(s.size(), 64u);
  const size_t hlen = static_cast<uint8_t>(s[8]) | (static_cast<uint8_t>(s[9]) << 8);
  EXPECT_EQ((10 + hlen) % 64, 0u);
  EXPECT_EQ(s[9 + hlen], '\n');
  EXPECT_NE(s.find("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }"), std::string::npos);
}

TEST_F(NpyTest, ReadsVersions2And3AndOneByteOrders) {
  const std::string d = raw<float>({1.0f, 2.0f});
  for (int v : {1, 2, 3}) {
    const HostArray a =
        read_npy(make("v.npy", v, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", d));
    EXPECT_EQ(a.shape, std::vector<int64_t>{2});
    EXPECT_EQ(load_as_f32(DType::float32, a.data.data() + 4), 2.0f);
  }
  EXPECT_EQ(
      read_npy(make("i1.npy", 1, "{'descr': '<i1', 'fortran_order': False, 'shape': (1,), }", "\xff")).dtype,
      DType::int8);
  EXPECT_EQ(
      read_npy(make("u1.npy", 1, "{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }", "\x05")).dtype,
      DType::uint8);
  EXPECT_EQ(
      read_npy(make("b1.npy", 1, "{'descr': '|b1', 'fortran_order': False, 'shape': (1,1), }", "\x01")).dtype,
      DType::bool_);
  // Key order and spacing are NumPy's business; any dict order parses.
  const HostArray b =
      read_npy(make("o.npy", 1, "{'shape': (2, 1), 'fortran_order': False, 'descr': '<f4'}", d));
  EXPECT_EQ(b.shape, (std::vector<int64_t>{2, 1}));
}

TEST_F(NpyTest, NarrowsFloat64AndInt64) {
  const HostArray f = read_npy(make("f8.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
                                    raw<double>({1.0, 0.1, -3e39})));
  EXPECT_EQ(f.dtype, DType::float32);
  EXPECT_EQ(load_as_f32(DType::float32, f.data.data() + 4), 0.1f);
  EXPECT_TRUE(std::isinf(load_as_f32(DType::float32, f.data.data() + 8)));
  const HostArray i = read_npy(make("i8.npy", 1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }",
                                    raw<int64_t>({-7, 2147483647})));
  EXPECT_EQ(i.dtype, DType::int32);
  EXPECT_EQ(load_as_f32(DType::int32, i.data.data()), -7.0f);
  const HostArray u = read_npy(make("u8.npy", 1, "{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }",
                                    raw<uint64_t>({4000000000ull})));
  EXPECT_EQ(u.dtype, DType::uint32);
}

TEST_F(NpyTest, Int64OutOfRangeIsAnError) {
  const std::string p = make("big.npy", 1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }",
                             raw<int64_t>({1, int64_t{1} << 40}));
  const std::string m = read_error(p);
  EXPECT_NE(m.find("element 1"), std::string::npos) << m;
  EXPECT_NE(m.find("int32"), std::string::npos) << m;
  read_error(make("bigu.npy", 1, "{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }",
                  raw<uint64_t>({uint64_t{1} << 33})));
}

TEST_F(NpyTest, Errors) {
  EXPECT_NE(read_error(path("missing.npy")).find("cannot open"), std::string::npos);

  {
    std::ofstream(path("text.npy")) << "hello, this is not numpy data at all";
    EXPECT_NE(read_error(path("text.npy")).find("not a .npy file"), std::string::npos);
  }
  {
    std::ofstream(path("short.npy")) << "\x93NUM";
    EXPECT_NE(read_error(path("short.npy")).find("not a .npy file"), std::string::npos);
  }
  const std::string d4 = raw<float>({1.0f, 2.0f});
  EXPECT_NE(read_error(make("fo.npy", 1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", d4))
                .find("Fortran"),
            std::string::npos);
  EXPECT_NE(read_error(make("be.npy", 1, "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", d4))
                .find("big-endian"),
            std::string::npos);
  const std::string c =
      read_error(make("c8.npy", 1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", d4));
  EXPECT_NE(c.find("'<c8' (complex64)"), std::string::npos) << c;
  EXPECT_NE(read_error(
                make("u.npy", 1, "{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }", "abcdefghijkl"))
                .find("unicode"),
            std::string::npos);
  EXPECT_NE(
      read_error(make("ns.npy", 1, "{'descr': '<f4', 'fortran_order': False, }", d4)).find("no 'shape'"),
      std::string::npos);
  EXPECT_NE(read_error(make("nd.npy", 1, "{'fortran_order': False, 'shape': (2,), }", d4)).find("no 'descr'"),
            std::string::npos);
  EXPECT_NE(read_error(make("bs.npy", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }", d4))
                .find("bad 'shape'"),
            std::string::npos);
  EXPECT_NE(
      read_error(make("st.npy", 1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", d4))
          .find("structured"),
      std::string::npos);
  EXPECT_NE(read_error(make("tr.npy", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", d4))
                .find("truncated"),
            std::string::npos);
  EXPECT_NE(read_error(make("v9.npy", 9, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", d4))
                .find("version 9"),
            std::string::npos);
}

TEST_F(NpyTest, WriteToUnwritablePathIsAUserError) {
  const std::string p = path("no/such/dir/out.npy");
  try {
    write_npy(p, make_array(DType::float32, {2}));
    FAIL() << "expected UserError";
  } catch (const UserError& e) {
    EXPECT_NE(e.message().find(p), std::string::npos);
  }
}

}  // namespace
}  // namespace nki

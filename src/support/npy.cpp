// NumPy .npy reading and writing (format 1.0, 2.0 and 3.0; C order; little-endian).
//
// NKI has no 64-bit types, but NumPy's defaults are float64 and int64, so read_npy narrows them:
// '<f8' becomes float32 (round to nearest even, like astype(np.float32)); '<i8'/'<u8' become
// int32/uint32 and a value that does not fit is an error naming the file and the element. Every
// other dtype outside the supported list is an error that says which dtype it was.
// write_npy widens the dtypes NumPy lacks (bfloat16, tfloat32, fp8) to float32, which is exact.
#include "support/npy.h"

#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

#include "support/diagnostics.h"
#include "support/output_files.h"
#include "support/shape.h"

namespace nki {

int64_t HostArray::size() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

namespace {

constexpr char kMagic[] = "\x93NUMPY";

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw UserError("'" + path + "': " + what);
}

// How a file's element type maps onto an NKI dtype.
struct NpyType {
  DType dtype;    // the dtype of the resulting HostArray
  int file_size;  // bytes per element in the file
  enum class Conv { None, F64, I64, U64 } conv = Conv::None;
};

std::string describe_descr(const std::string& d) {
  static const std::pair<const char*, const char*> names[] = {
      {"f8", "float64"},       {"f2", "float16"},      {"c8", "complex64"},  {"c16", "complex128"},
      {"i8", "int64"},         {"u8", "uint64"},       {"f16", "float128"},  {"U", "unicode string"},
      {"S", "byte string"},    {"O", "Python object"}, {"M8", "datetime64"}, {"m8", "timedelta64"},
      {"V", "void/structured"}};
  const std::string body = d.size() > 1 ? d.substr(1) : d;
  for (const auto& [code, name] : names)
    if (body == code || (body.rfind(code, 0) == 0 && std::strlen(code) == 1)) return name;
  return "unknown";
}

NpyType parse_descr(const std::string& path, const std::string& d) {
  if (d.size() < 2) fail(path, "unsupported dtype '" + d + "'");
  const char order = d[0];
  const std::string code = d.substr(1);
  const bool one_byte = code == "i1" || code == "u1" || code == "b1";
  if (order == '>' && !one_byte)
    fail(path, "big-endian data ('" + d +
                   "') is not supported; convert with arr.astype(arr.dtype.newbyteorder('<'))");
  if (order != '<' && order != '|' && order != '=' && !(order == '>' && one_byte))
    fail(path, "unsupported dtype '" + d + "'");
  if (code == "f4") return {DType::float32, 4};
  if (code == "f2") return {DType::float16, 2};
  if (code == "i1") return {DType::int8, 1};
  if (code == "i2") return {DType::int16, 2};
  if (code == "i4") return {DType::int32, 4};
  if (code == "u1") return {DType::uint8, 1};
  if (code == "u2") return {DType::uint16, 2};
  if (code == "u4") return {DType::uint32, 4};
  if (code == "b1") return {DType::bool_, 1};
  if (code == "f8") return {DType::float32, 8, NpyType::Conv::F64};
  if (code == "i8") return {DType::int32, 8, NpyType::Conv::I64};
  if (code == "u8") return {DType::uint32, 8, NpyType::Conv::U64};
  fail(path, "dtype '" + d + "' (" + describe_descr(d) +
                 ") is not supported; NKI tensors are float32/float16/int8..int32/uint8..uint32/bool");
}

// The value of `key` in the header dict text, starting right after "'key':"; npos if absent.
size_t find_key(const std::string& h, const std::string& key) {
  for (const char q : {'\'', '"'}) {
    const std::string k = std::string(1, q) + key + q;
    size_t p = h.find(k);
    if (p == std::string::npos) continue;
    p = h.find(':', p + k.size());
    if (p == std::string::npos) return p;
    return p + 1;
  }
  return std::string::npos;
}

void skip_space(const std::string& h, size_t& p) {
  while (p < h.size() && (h[p] == ' ' || h[p] == '\t' || h[p] == '\n')) ++p;
}

struct Header {
  std::string descr;
  bool fortran = false;
  std::vector<int64_t> shape;
};

Header parse_header(const std::string& path, const std::string& h) {
  Header out;
  size_t p = find_key(h, "descr");
  if (p == std::string::npos) fail(path, "bad .npy header: no 'descr'");
  skip_space(h, p);
  if (p >= h.size() || (h[p] != '\'' && h[p] != '"')) {
    fail(path, "structured dtypes are not supported");
  }
  const char q = h[p];
  const size_t end = h.find(q, p + 1);
  if (end == std::string::npos) fail(path, "bad .npy header: unterminated 'descr'");
  out.descr = h.substr(p + 1, end - p - 1);

  p = find_key(h, "fortran_order");
  if (p == std::string::npos) fail(path, "bad .npy header: no 'fortran_order'");
  skip_space(h, p);
  if (h.compare(p, 4, "True") == 0)
    out.fortran = true;
  else if (h.compare(p, 5, "False") != 0)
    fail(path, "bad .npy header: 'fortran_order' is not True/False");

  p = find_key(h, "shape");
  if (p == std::string::npos) fail(path, "bad .npy header: no 'shape'");
  skip_space(h, p);
  if (p >= h.size() || h[p] != '(') fail(path, "bad .npy header: 'shape' is not a tuple");
  ++p;
  while (true) {
    skip_space(h, p);
    if (p >= h.size()) fail(path, "bad .npy header: unterminated 'shape'");
    if (h[p] == ')') break;
    if (h[p] < '0' || h[p] > '9') fail(path, "bad .npy header: bad 'shape' entry");
    int64_t v = 0;
    while (p < h.size() && h[p] >= '0' && h[p] <= '9') {
      if (v > (std::numeric_limits<int64_t>::max() - 9) / 10) fail(path, "bad .npy header: shape too large");
      v = v * 10 + (h[p++] - '0');
    }
    // Python 2 era files may carry an 'L' suffix.
    if (p < h.size() && h[p] == 'L') ++p;
    out.shape.push_back(v);
    skip_space(h, p);
    if (p < h.size() && h[p] == ',') ++p;
  }
  return out;
}

// Narrows 8-byte elements to 4-byte ones (see the file comment).
void narrow_64(const std::string& path, NpyType::Conv conv, const std::vector<char>& raw, HostArray& a) {
  const int64_t n = a.size();
  for (int64_t i = 0; i < n; ++i) {
    const char* src = raw.data() + i * 8;
    uint8_t* dst = a.data.data() + i * 4;
    if (conv == NpyType::Conv::F64) {
      double d;
      std::memcpy(&d, src, 8);
      const float f = static_cast<float>(d);  // round to nearest even
      std::memcpy(dst, &f, 4);
    } else if (conv == NpyType::Conv::I64) {
      int64_t v;
      std::memcpy(&v, src, 8);
      if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max())
        fail(path, "int64 element " + std::to_string(i) + " = " + std::to_string(v) +
                       " does not fit in int32 (NKI has no 64-bit integers)");
      const int32_t x = static_cast<int32_t>(v);
      std::memcpy(dst, &x, 4);
    } else {
      uint64_t v;
      std::memcpy(&v, src, 8);
      if (v > std::numeric_limits<uint32_t>::max())
        fail(path, "uint64 element " + std::to_string(i) + " = " + std::to_string(v) +
                       " does not fit in uint32 (NKI has no 64-bit integers)");
      const uint32_t x = static_cast<uint32_t>(v);
      std::memcpy(dst, &x, 4);
    }
  }
}

}  // namespace

HostArray read_npy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "cannot open file (no such file or not readable)");
  return read_npy(in, path);
}

HostArray read_npy(std::istream& in, const std::string& path) {
  char pre[8];
  in.read(pre, 8);
  if (in.gcount() < 8 || std::memcmp(pre, kMagic, 6) != 0) fail(path, "not a .npy file (bad magic)");
  const int major = static_cast<uint8_t>(pre[6]);
  if (major < 1 || major > 3)
    fail(path, "unsupported .npy format version " + std::to_string(major) + "." +
                   std::to_string(static_cast<uint8_t>(pre[7])));
  uint32_t hlen = 0;
  if (major == 1) {
    unsigned char b[2];
    in.read(reinterpret_cast<char*>(b), 2);
    if (in.gcount() < 2) fail(path, "bad .npy header: file ends in the header length");
    hlen = b[0] | (b[1] << 8);
  } else {
    unsigned char b[4];
    in.read(reinterpret_cast<char*>(b), 4);
    if (in.gcount() < 4) fail(path, "bad .npy header: file ends in the header length");
    hlen = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<uint32_t>(b[3]) << 24);
  }
  if (hlen > (1u << 24))
    fail(path, "bad .npy header: header length " + std::to_string(hlen) + " is implausible");
  std::string header(hlen, '\0');
  in.read(header.data(), hlen);
  if (static_cast<uint32_t>(in.gcount()) != hlen) fail(path, "bad .npy header: file ends inside the header");

  const Header h = parse_header(path, header);
  if (h.fortran) fail(path, "Fortran-order arrays are not supported; save np.ascontiguousarray(arr)");
  const NpyType t = parse_descr(path, h.descr);

  HostArray a;
  a.dtype = t.dtype;
  a.shape = h.shape;
  int64_t n = 1;
  for (int64_t d : a.shape) {
    if (d != 0 && n > (int64_t{1} << 40) / d)
      fail(path, "array too large (" + shape_str(a.shape, ShapeForm::Spec) + ")");
    n *= d;
  }
  const int64_t file_bytes = n * t.file_size;
  std::vector<char> raw(static_cast<size_t>(file_bytes));
  in.read(raw.data(), file_bytes);
  if (in.gcount() != file_bytes)
    fail(path, "file is truncated: shape " + shape_str(a.shape, ShapeForm::Spec) + " needs " +
                   std::to_string(file_bytes) + " bytes of data, found " + std::to_string(in.gcount()));
  a.data.resize(static_cast<size_t>(n * dtype_size(t.dtype)));
  if (t.conv == NpyType::Conv::None) {
    if (file_bytes) std::memcpy(a.data.data(), raw.data(), static_cast<size_t>(file_bytes));
    if (t.dtype == DType::bool_)
      for (auto& b : a.data) b = b != 0;  // NumPy allows only 0/1, but be safe
  } else {
    narrow_64(path, t.conv, raw, a);
  }
  return a;
}

void write_npy(std::ostream& out, const HostArray& a) {
  const int64_t n = a.size();
  const int esize = dtype_size(a.dtype);
  if (static_cast<int64_t>(a.data.size()) != n * esize)
    throw InternalError("write_npy: HostArray of shape " + shape_str(a.shape, ShapeForm::Spec) + " holds " +
                        std::to_string(a.data.size()) + " bytes");
  std::string descr;
  bool widen = false;
  switch (a.dtype) {
    case DType::float32: descr = "<f4"; break;
    case DType::float16: descr = "<f2"; break;
    case DType::int8: descr = "|i1"; break;
    case DType::int16: descr = "<i2"; break;
    case DType::int32: descr = "<i4"; break;
    case DType::uint8: descr = "|u1"; break;
    case DType::uint16: descr = "<u2"; break;
    case DType::uint32: descr = "<u4"; break;
    case DType::bool_: descr = "|b1"; break;
    case DType::float8_e5m2_x4:
    case DType::float8_e4m3fn_x4: descr = "<u4"; break;  // packed MX: the raw bits
    case DType::float4_e2m1fn_x4: descr = "<u2"; break;
    default:
      descr = "<f4";
      widen = true;
      break;  // bf16, tf32, fp8: exact in float32
  }
  std::ostringstream dict;
  dict << "{'descr': '" << descr
       << "', 'fortran_order': False, 'shape': " << shape_str(a.shape, ShapeForm::Tuple) << ", }";
  std::string header = dict.str();
  // Total header (magic + version + length + dict + padding + '\n') is a multiple of 64.
  const bool v2 = header.size() + 1 + 10 > 65535;
  const size_t pre = v2 ? 12 : 10;
  const size_t total = (pre + header.size() + 1 + 63) / 64 * 64;
  header.append(total - pre - header.size() - 1, ' ');
  header += '\n';

  out.write(kMagic, 6);
  const char ver[2] = {static_cast<char>(v2 ? 2 : 1), 0};
  out.write(ver, 2);
  const uint32_t hl = static_cast<uint32_t>(header.size());
  const char len[4] = {static_cast<char>(hl & 0xFF), static_cast<char>((hl >> 8) & 0xFF),
                       static_cast<char>((hl >> 16) & 0xFF), static_cast<char>((hl >> 24) & 0xFF)};
  out.write(len, v2 ? 4 : 2);
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
  if (!widen) {
    out.write(reinterpret_cast<const char*>(a.data.data()), static_cast<std::streamsize>(a.data.size()));
  } else {
    std::vector<float> f(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) f[i] = load_as_f32(a.dtype, a.data.data() + i * esize);
    out.write(reinterpret_cast<const char*>(f.data()), static_cast<std::streamsize>(f.size() * 4));
  }
}

void write_npy(const std::string& path, const HostArray& a) {
  OutputFiles files;  // a temporary file renamed into place: never a half-written .npy
  files.stage(path, [&](std::ostream& out) { write_npy(out, a); });
  files.commit();
}

}  // namespace nki

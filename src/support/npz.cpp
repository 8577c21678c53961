// NumPy .npz archives: a zip file with one .npy member per array, stored (np.savez) or deflated
// (np.savez_compressed). Reads the central directory, then each member's data through zlib, and
// hands the bytes to the .npy reader. ZIP64 archives (members over 4 GiB) are not supported.
#include <zlib.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "support/diagnostics.h"
#include "support/npy.h"

namespace nki {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw UserError("'" + path + "': " + what);
}

uint32_t u16(const std::string& b, size_t at) {
  return static_cast<uint8_t>(b[at]) | (static_cast<uint8_t>(b[at + 1]) << 8);
}
uint32_t u32(const std::string& b, size_t at) {
  return u16(b, at) | (u16(b, at + 2) << 16);
}

// The uncompressed bytes of one member (method 0 stored, 8 deflate).
std::string inflate_member(const std::string& path, const std::string& name, const std::string& data,
                           int method, uint32_t size) {
  if (method == 0) return data;
  if (method != 8)
    fail(path + ":" + name,
         "unsupported zip compression method " + std::to_string(method) + " (expected stored or deflate)");
  std::string out(size, '\0');
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) fail(path + ":" + name, "cannot start decompression");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&z, Z_FINISH);
  inflateEnd(&z);
  if (rc != Z_STREAM_END || z.total_out != size) fail(path + ":" + name, "damaged compressed data");
  return out;
}

}  // namespace

std::vector<std::pair<std::string, HostArray>> read_npz(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "cannot open file (no such file or not readable)");
  std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The end-of-central-directory record: signature PK\5\6, within the last 64 KiB + 22 bytes.
  size_t eocd = std::string::npos;
  for (size_t i = file.size() >= 22 ? file.size() - 22 + 1 : 0; i-- > 0;) {
    if (file.compare(i, 4, "PK\x05\x06") == 0) {
      eocd = i;
      break;
    }
    if (file.size() - i > 65557) break;
  }
  if (eocd == std::string::npos) fail(path, "not a .npz file (no zip directory found)");
  const uint32_t entries = u16(file, eocd + 10);
  size_t at = u32(file, eocd + 16);
  std::vector<std::pair<std::string, HostArray>> out;
  for (uint32_t e = 0; e < entries; ++e) {
    if (at + 46 > file.size() || file.compare(at, 4, "PK\x01\x02") != 0) fail(path, "damaged zip directory");
    const int method = static_cast<int>(u16(file, at + 10));
    const uint32_t csize = u32(file, at + 20), usize = u32(file, at + 24);
    const uint32_t nlen = u16(file, at + 28), xlen = u16(file, at + 30), clen = u16(file, at + 32);
    const uint32_t local = u32(file, at + 42);
    if (at + 46 + nlen > file.size()) fail(path, "damaged zip directory");
    std::string name = file.substr(at + 46, nlen);
    at += 46 + nlen + xlen + clen;
    if (csize == 0xFFFFFFFFu || usize == 0xFFFFFFFFu || local == 0xFFFFFFFFu)
      fail(path + ":" + name, "ZIP64 archives (members over 4 GiB) are not supported");
    if (local + 30 > file.size() || file.compare(local, 4, "PK\x03\x04") != 0)
      fail(path + ":" + name, "damaged zip member");
    const size_t data_at = local + 30 + u16(file, local + 26) + u16(file, local + 28);
    if (data_at + csize > file.size()) fail(path + ":" + name, "the archive is truncated");
    if (name.size() < 4 || name.compare(name.size() - 4, 4, ".npy") != 0) continue;  // not an array
    std::string key = name.substr(0, name.size() - 4);
    std::istringstream member(inflate_member(path, key, file.substr(data_at, csize), method, usize));
    out.emplace_back(key, read_npy(member, path + ":" + key));
  }
  return out;
}

}  // namespace nki

// Reading and writing NumPy .npy files (format versions 1.0-3.0, little-endian, C order).
// bfloat16 has no NumPy dtype: nki writes bfloat16 (and other NumPy-less float types) as
// float32 .npy files, which is exact, and reads them back from float32 files.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "support/dtype.h"

namespace nki {

// A dense, row-major host array: the form in which kernel inputs arrive and outputs leave.
struct HostArray {
  DType dtype = DType::float32;
  std::vector<int64_t> shape;
  std::vector<uint8_t> data;  // shape-product * dtype_size(dtype) bytes

  int64_t size() const;  // element count
};

// Reads an .npy file. Throws UserError naming the file for a missing file, a malformed header,
// Fortran order, big-endian data, or a dtype nki does not support.
HostArray read_npy(const std::string& path);
// The same from a stream; `path` names the data in error messages (e.g. "x.npz:a").
HostArray read_npy(std::istream& in, const std::string& path);
// Reads every array of a NumPy .npz archive (np.savez or np.savez_compressed), in archive
// order, as (key, array): the key is the member name without ".npy". Throws UserError naming
// the file (and member) for a missing file, a damaged archive or an unsupported array.
std::vector<std::pair<std::string, HostArray>> read_npz(const std::string& path);
// Writes `a` as .npy; dtypes without a NumPy equivalent are widened to float32 exactly.
// Throws UserError if the file cannot be written; the file is written under a temporary name
// and renamed into place, so a failure leaves no partial file (support/output_files.h).
void write_npy(const std::string& path, const HostArray& a);
// The same bytes to a stream (the caller checks the stream).
void write_npy(std::ostream& out, const HostArray& a);

}  // namespace nki

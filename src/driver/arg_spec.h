// Kernel arguments written on the command line: `NAME=SPEC` where SPEC is
//   PATH.npy[:DTYPE]                 a NumPy file (optionally converted to DTYPE, e.g. bfloat16)
//   PATH.npz:KEY[:DTYPE]             array KEY of a NumPy .npz archive (np.savez)
//   random:SHAPE:DTYPE[:SEED]        uniform values in [-1, 1) (integers: in [-8, 8]), SHAPE = 128x512
//   zeros:SHAPE:DTYPE, ones:SHAPE:DTYPE
//   a Python literal                 an int, float, True, False, None or a quoted string
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lang/specialize.h"

namespace nki {

// Parses one NAME=SPEC. Throws UserError naming the argument on any problem (missing file,
// unknown dtype, bad shape, unparsable value).
// Tensors made from SHAPE (random:, zeros:, ones:) may be at most `max_bytes` big (--max-hbm).
NamedArg parse_arg_spec(const std::string& text, int64_t max_bytes);
// Every array of a .npz archive as an argument named by its key (`--npz PATH`).
std::vector<NamedArg> npz_args(const std::string& path);

// Deterministic test data.
HostArray random_array(const std::vector<int64_t>& shape, DType dtype, uint64_t seed);
HostArray filled_array(const std::vector<int64_t>& shape, DType dtype, float value);
// Converts every element to `dtype` through fp32 (rounding as the hardware does).
HostArray convert_array(const HostArray& a, DType dtype);

}  // namespace nki

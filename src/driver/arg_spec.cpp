// Command-line kernel arguments (see arg_spec.h).
#include "driver/arg_spec.h"

#include <random>

#include "support/diagnostics.h"

namespace nki {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t pos = 0;
  for (size_t hit; (hit = s.find(sep, pos)) != std::string::npos; pos = hit + 1)
    parts.push_back(s.substr(pos, hit - pos));
  parts.push_back(s.substr(pos));
  return parts;
}

[[noreturn]] void bad(const std::string& name, const std::string& msg) {
  throw UserError("--arg " + name + ": " + msg);
}

std::vector<int64_t> parse_shape(const std::string& name, const std::string& text) {
  std::vector<int64_t> shape;
  for (const auto& d : split(text, 'x')) {
    char* end = nullptr;
    long long v = strtoll(d.c_str(), &end, 10);
    if (d.empty() || *end != 0 || v <= 0)
      bad(name, "bad shape '" + text + "' (expected sizes joined by 'x', e.g. 128x512)");
    shape.push_back(v);
  }
  return shape;
}

DType parse_dtype_arg(const std::string& name, const std::string& text) {
  auto t = parse_dtype(text);
  if (!t) bad(name, "unknown dtype '" + text + "' (e.g. float32, bfloat16, float16, int32)");
  return *t;
}

HostArray empty_array(const std::vector<int64_t>& shape, DType dtype) {
  HostArray a;
  a.dtype = dtype;
  a.shape = shape;
  a.data.resize(static_cast<size_t>(a.size()) * dtype_size(dtype));
  return a;
}

}  // namespace

HostArray random_array(const std::vector<int64_t>& shape, DType dtype, uint64_t seed) {
  HostArray a = empty_array(shape, dtype);
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<float> real(-1.0f, 1.0f);
  std::uniform_int_distribution<int> small(is_signed_integer(dtype) ? -8 : 0, 8);
  const int sz = dtype_size(dtype);
  for (int64_t i = 0; i < a.size(); ++i) {
    float v = is_float(dtype) ? real(gen) : static_cast<float>(small(gen));
    store_from_f32(dtype, v, a.data.data() + i * sz);
  }
  return a;
}

HostArray filled_array(const std::vector<int64_t>& shape, DType dtype, float value) {
  HostArray a = empty_array(shape, dtype);
  const int sz = dtype_size(dtype);
  for (int64_t i = 0; i < a.size(); ++i) store_from_f32(dtype, value, a.data.data() + i * sz);
  return a;
}

HostArray convert_array(const HostArray& src, DType dtype) {
  if (src.dtype == dtype) return src;
  // Packed MX dtypes have no element value to convert: their arrays are the raw words.
  if (is_packed_mx(dtype)) {
    const DType word = dtype_size(dtype) == 4 ? DType::uint32 : DType::uint16;
    if (src.dtype != word)
      throw UserError("a " + std::string(dtype_name(dtype)) + " argument is its raw bits: a " +
                      std::string(dtype_name(word)) + " array, not " + std::string(dtype_name(src.dtype)));
    HostArray a = src;
    a.dtype = dtype;
    return a;
  }
  HostArray a = empty_array(src.shape, dtype);
  const int in = dtype_size(src.dtype), out = dtype_size(dtype);
  for (int64_t i = 0; i < a.size(); ++i)
    store_from_f32(dtype, load_as_f32(src.dtype, src.data.data() + i * in), a.data.data() + i * out);
  return a;
}

NamedArg parse_arg_spec(const std::string& text, int64_t max_bytes) {
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw UserError("--arg '" + text +
                    "': expected NAME=SPEC (e.g. a=random:128x512:float32 or a=input.npy)");
  NamedArg arg;
  arg.name = text.substr(0, eq);
  const std::string spec = text.substr(eq + 1);
  const std::string& name = arg.name;
  auto parts = split(spec, ':');

  if (parts[0] == "random" || parts[0] == "zeros" || parts[0] == "ones") {
    bool rnd = parts[0] == "random";
    if (parts.size() < 3 || parts.size() > (rnd ? 4u : 3u))
      bad(name, "expected " + parts[0] + ":SHAPE:DTYPE" + (rnd ? "[:SEED]" : "") + ", got '" + spec + "'");
    auto shape = parse_shape(name, parts[1]);
    DType dtype = parse_dtype_arg(name, parts[2]);
    // The tensor is made here, before the kernel compiles: check its size against the HBM limit
    // first (with a product that cannot overflow).
    int64_t bytes = dtype_size(dtype);
    for (int64_t d : shape)
      if (__builtin_mul_overflow(bytes, d, &bytes) || bytes > max_bytes)
        bad(name, "a " + parts[1] + " " + parts[2] + " tensor is more than the HBM limit of " +
                      std::to_string(max_bytes) + " bytes (--max-hbm raises it)");
    if (rnd) {
      uint64_t seed = 0;
      if (parts.size() == 4) {
        char* end = nullptr;
        seed = strtoull(parts[3].c_str(), &end, 10);
        if (parts[3].empty() || *end != 0)
          bad(name, "bad seed '" + parts[3] + "' (expected a non-negative integer)");
      } else {
        for (char c : name) seed = seed * 131 + static_cast<unsigned char>(c);  // distinct data per argument
      }
      arg.value.v = random_array(shape, dtype, seed);
    } else {
      arg.value.v = filled_array(shape, dtype, parts[0] == "ones" ? 1.0f : 0.0f);
    }
    return arg;
  }
  // A quoted compile-time string, even one that names a file ('table.npy' for nl.shared_constant).
  if (spec.size() >= 2 && (spec.front() == '\'' || spec.front() == '"') && spec.back() == spec.front()) {
    arg.value.v = spec.substr(1, spec.size() - 2);
    return arg;
  }
  if (spec.find(".npz:") != std::string::npos) {  // PATH.npz:KEY[:DTYPE]
    size_t at = spec.rfind(".npz:");
    std::string path = spec.substr(0, at + 4);
    auto rest = split(spec.substr(at + 5), ':');
    if (rest.empty() || rest[0].empty() || rest.size() > 2)
      bad(name, "expected PATH.npz:KEY or PATH.npz:KEY:DTYPE, got '" + spec + "'");
    std::vector<std::pair<std::string, HostArray>> arrays;
    try {
      arrays = read_npz(path);
    } catch (const UserError& e) {
      bad(name, e.message());
    }
    std::string keys;
    for (auto& [key, a] : arrays) {
      if (key != rest[0]) continue;
      try {
        arg.value.v = rest.size() == 2 ? convert_array(a, parse_dtype_arg(name, rest[1])) : std::move(a);
      } catch (const UserError& e) {
        bad(name, e.message());
      }
      return arg;
    }
    for (const auto& kv : arrays) keys += (keys.empty() ? "" : ", ") + kv.first;
    bad(name,
        "'" + path + "' has no array '" + rest[0] + "' (it has: " + (keys.empty() ? "none" : keys) + ")");
  }
  if (spec.size() > 4 && (spec.find(".npy") != std::string::npos)) {
    size_t at = spec.rfind(".npy");
    std::string path = spec.substr(0, at + 4);
    std::string rest = spec.substr(at + 4);
    HostArray a;
    try {
      a = read_npy(path);
    } catch (const UserError& e) {
      bad(name, e.message());
    }
    if (!rest.empty()) {
      if (rest[0] != ':') bad(name, "expected PATH.npy or PATH.npy:DTYPE, got '" + spec + "'");
      try {
        a = convert_array(a, parse_dtype_arg(name, rest.substr(1)));
      } catch (const UserError& e) {
        bad(name, e.message());
      }
    }
    arg.value.v = std::move(a);
    return arg;
  }
  // Compile-time literals.
  if (spec == "True" || spec == "False") {
    arg.value.v = spec == "True";
    return arg;
  }
  if (spec == "None") {
    arg.value.v = ArgValue::None{};
    return arg;
  }
  char* end = nullptr;
  long long iv = strtoll(spec.c_str(), &end, 0);
  if (!spec.empty() && *end == 0) {
    arg.value.v = static_cast<int64_t>(iv);
    return arg;
  }
  double dv = strtod(spec.c_str(), &end);
  if (!spec.empty() && *end == 0) {
    arg.value.v = dv;
    return arg;
  }
  bad(name, "cannot understand '" + spec +
                "': expected PATH.npy[:DTYPE], PATH.npz:KEY[:DTYPE], random:SHAPE:DTYPE[:SEED], "
                "zeros:SHAPE:DTYPE, ones:SHAPE:DTYPE, or an int, float, True, False, None or quoted string");
}

std::vector<NamedArg> npz_args(const std::string& path) {
  std::vector<NamedArg> out;
  for (auto& [key, a] : read_npz(path)) {
    NamedArg arg;
    arg.name = key;
    arg.value.v = std::move(a);
    out.push_back(std::move(arg));
  }
  if (out.empty()) throw UserError("--npz '" + path + "': the archive holds no arrays");
  return out;
}

}  // namespace nki

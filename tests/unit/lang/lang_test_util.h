// Helpers for specializer tests: write a kernel source to a temporary file and specialize it.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "lang/specialize.h"
#include "support/diagnostics.h"

namespace nki::test {

inline std::string write_temp_kernel(const std::string& source, const std::string& name = "kernel_under_test.py") {
  auto dir = std::filesystem::temp_directory_path() / ("nki_lang_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  std::ofstream(path) << source;
  return path.string();
}

inline HostArray tensor_arg(std::vector<int64_t> shape, DType dtype = DType::float32) {
  HostArray a;
  a.dtype = dtype;
  a.shape = std::move(shape);
  a.data.resize(a.size() * dtype_size(dtype));
  return a;
}

inline NamedArg tensor(const std::string& name, std::vector<int64_t> shape, DType dtype = DType::float32) {
  NamedArg a;
  a.name = name;
  a.value.v = tensor_arg(std::move(shape), dtype);
  return a;
}

inline Specialized specialize_source(const std::string& source, const std::string& fn, const std::vector<NamedArg>& args,
                                     std::string* printed = nullptr) {
  SpecializeOptions opts;
  opts.print = [printed](const std::string& s) {
    if (printed) *printed += s;
  };
  return specialize(write_temp_kernel(source), fn, args, get_arch("trn2"), opts);
}

// The message of the UserError specializing `source` raises ("" if none).
inline std::string specialize_error(const std::string& source, const std::string& fn, const std::vector<NamedArg>& args) {
  try {
    specialize_source(source, fn, args);
  } catch (const UserError& e) {
    return e.message();
  }
  return "";
}

}  // namespace nki::test

// Helpers for specializer tests: write a kernel source to a temporary file and specialize it.
#pragma once

#include <gtest/gtest.h>
#include <pybind11/embed.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "lang/specialize.h"
#include "pyhost/pyhost.h"
#include "support/diagnostics.h"

namespace nki::test {

// Writes `source` to a fresh file (a new name each time: Python imports each file once).
inline std::string write_temp_kernel(const std::string& source,
                                     const std::string& name = "kernel_under_test") {
  static int counter = 0;
  auto dir = std::filesystem::temp_directory_path() / ("nki_lang_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / (name + "_" + std::to_string(counter++) + ".py");
  std::ofstream(path) << source;
  return path.string();
}

// Kernel files are Python modules: the tests embed CPython, as the `nki` command does.
inline void start_python() {
  static pybind11::scoped_interpreter* interpreter = nullptr;
  if (interpreter) return;
  interpreter = new pybind11::scoped_interpreter();  // lives until the process exits
  pyhost::add_package_dir(std::string(NKI_SOURCE_DIR) + "/python");
}

// Specializes function `fn` of kernel file `path`.
inline Specialized specialize_file(const std::string& path, const std::string& fn,
                                   const std::vector<NamedArg>& args, const SpecializeOptions& opts) {
  start_python();
  pyhost::PyHost host(pyhost::import_kernel(path, fn));
  return specialize(host, args, get_arch("trn2"), opts);
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

inline Specialized specialize_source(const std::string& source, const std::string& fn,
                                     const std::vector<NamedArg>& args, std::string* printed = nullptr) {
  SpecializeOptions opts;
  opts.print = [printed](const std::string& s) {
    if (printed) *printed += s;
  };
  return specialize_file(write_temp_kernel(source), fn, args, opts);
}

// The message of the UserError specializing `source` raises ("" if none).
inline std::string specialize_error(const std::string& source, const std::string& fn,
                                    const std::vector<NamedArg>& args) {
  try {
    specialize_source(source, fn, args);
  } catch (const UserError& e) {
    return e.message();
  }
  return "";
}

}  // namespace nki::test

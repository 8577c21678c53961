// CPython as the host of kernel modules (lang/host.h), shared by the _nki extension and the `nki`
// command (which embeds the interpreter). A kernel file is imported by Python; nki compiles the
// kernel function and the functions it calls from their source, and every global, closure cell or
// compile-time argument those bodies read is converted from the value CPython computed, on first
// use. docs/python.md ("What runs in Python") describes the conversion.
//
// Every call into this layer must hold the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "lang/host.h"

namespace nki::pyhost {

namespace py = pybind11;

// What the compilations of one PyHost read from Python, for the Python package's compile cache:
// each (namespace, name) looked up — a dict (a module's globals), a class's mappingproxy, or a
// closure cell with name "" — and each source file parsed, with the mtime it had.
struct Reads {
  std::vector<std::pair<py::object, std::string>> names;
  std::map<std::string, int64_t> files;  // path -> st_mtime_ns
};

class PyHost : public lang::Host {
 public:
  // `kernel`: a Python function, or an nki.jit-decorated one.
  explicit PyHost(py::object kernel);
  ~PyHost() override;
  std::unique_ptr<lang::HostSession> open(lang::Interp& in) const override;
  const Reads& reads() const { return *reads_; }

 private:
  py::object kernel_;
  std::shared_ptr<Reads> reads_;
};

// A Python object as a compile-time kernel argument (ArgValue::Host).
std::shared_ptr<const lang::HostObject> host_object(py::handle obj);

// The `nki` command. Puts `dir` first on sys.path when it holds the nki Python package.
void add_package_dir(const std::string& dir);
// Imports kernel file `path` (nki._host.import_file) and returns its function `name`. An import
// that raises becomes a UserError at the innermost frame of the traceback; a missing function a
// UserError listing the functions the file defines.
py::object import_kernel(const std::string& path, const std::string& name);

}  // namespace nki::pyhost

// Importing Python modules: a kernel file for the `nki` command (in the embedded interpreter), and
// a Python exception raised by an import turned into a diagnostic at the line that raised it.
#include <pybind11/pybind11.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "pyhost/pyhost.h"
#include "pyhost/source.h"
#include "support/diagnostics.h"

namespace nki::pyhost {

static SourceLoc location(const std::string& path, int line, int col) {
  if (path.empty() || line <= 0 || !std::filesystem::is_regular_file(path)) return {};
  return SourceLoc{SourceFile::load(display_path(std::filesystem::absolute(path).string())), line,
                   col > 0 ? col : 1};
}

// Where in `path` CPython's reader would have stopped when it raised without a position (a NUL
// byte, bytes that are not UTF-8): the first such byte, else the start of the file.
static SourceLoc file_location(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  int line = 1, col = 1;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) break;
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = n > 0 && i + n <= text.size();
    for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (!ok) break;
    if (c == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
    i += n;
  }
  return location(path, line, col);
}

// The text of a Python exception (or of its message), the first 2,000 characters of a longer one
// (an assert's message of a billion characters must not become a diagnostic of a gigabyte).
static std::string exception_text(py::handle value) {
  constexpr Py_ssize_t kMax = 2000;
  py::object str = py::reinterpret_steal<py::object>(PyObject_Str(value.ptr()));
  if (!str) {  // its __str__ raised (str() of a huge int does)
    py::error_already_set inner;
    return "(its message cannot be shown: str() of it raised " +
           py::str(py::type::handle_of(inner.value()).attr("__name__")).cast<std::string>() + ")";
  }
  py::str text(str);
  const Py_ssize_t n = PyUnicode_GET_LENGTH(text.ptr());
  if (n <= kMax) return text.cast<std::string>();
  py::str head = py::reinterpret_steal<py::str>(PyUnicode_Substring(text.ptr(), 0, kMax));
  return head.cast<std::string>() + "... (" + std::to_string(n) + " characters in all)";
}

// A SyntaxError's line or column: 0 (none) unless an int of a plausible size (code that raises
// SyntaxError itself may put anything there).
static int position(py::handle v) {
  if (!PyLong_CheckExact(v.ptr())) return 0;
  int overflow = 0;
  const long x = PyLong_AsLongAndOverflow(v.ptr(), &overflow);
  return overflow == 0 && x > 0 && x <= INT32_MAX ? static_cast<int>(x) : 0;
}

UserError python_error(py::error_already_set& e, const std::string& what, const std::string& module_path) {
  py::object value = e.value();
  std::string type = py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>();
  std::string text = exception_text(value);
  // The innermost frame in the user's files is the location; the frames that led there (a module
  // importing another, a module-level call) are its notes, as in a Python traceback.
  py::list frames = py::module_::import("nki._host").attr("error_frames")(e.trace());
  SourceLoc loc;
  std::vector<SourceLoc> chain;
  for (size_t i = 0; i < frames.size(); ++i) {
    auto f = frames[i].cast<py::tuple>();
    SourceLoc at = location(f[0].cast<std::string>(), f[1].cast<int>(), f[2].cast<int>());
    if (i + 1 == frames.size())
      loc = at;
    else if (at.valid())
      chain.push_back(at);
  }
  if (PyObject_IsInstance(value.ptr(), PyExc_SyntaxError) == 1) {
    py::object file = value.attr("filename");
    SourceLoc at = location(file.is_none() ? "" : py::str(file).cast<std::string>(),
                            position(value.attr("lineno")), position(value.attr("offset")));
    // CPython's own: at its position, or (raised by its reader: undecodable bytes) where reading
    // stopped. A SyntaxError the module's code raised without a usable position is reported
    // below, at the raise, as any exception.
    if (at.valid() || !loc.valid()) {
      UserError u(at.valid() || module_path.empty() ? at : file_location(module_path),
                  exception_text(value.attr("msg")));
      u.set_error_class(ErrorClass::syntax);
      return u;
    }
  }
  // Raised by CPython's reader or compiler rather than by a line of the module (null bytes,
  // undecodable bytes, an expression too deep to compile): the module's file, where it stopped.
  if (!loc.valid() && !module_path.empty()) loc = file_location(module_path);
  UserError u(loc, what + " raised " + type + (text.empty() ? "" : ": " + text));
  u.set_call_chain(std::move(chain));
  return u;
}

void add_package_dir(const std::string& dir) {
  if (!std::filesystem::is_regular_file(std::filesystem::path(dir) / "nki" / "__init__.py")) return;
  py::module_::import("sys").attr("path").attr("insert")(0, dir);
}

py::object import_kernel(const std::string& path, const std::string& name) {
  if (!std::filesystem::is_regular_file(path)) throw UserError("cannot read file '" + path + "'");
  py::object module;
  try {
    module = py::module_::import("nki._host").attr("import_file")(path);
  } catch (py::error_already_set& e) {
    throw python_error(e, "importing the kernel module", path);
  }
  if (py::hasattr(module, name.c_str())) {
    py::object fn = module.attr(name.c_str());
    if (PyFunction_Check(fn.ptr()) || py::hasattr(fn, "fn")) return fn;
  }
  std::string known;
  std::string module_name = py::str(module.attr("__name__")).cast<std::string>();
  for (auto item : module.attr("__dict__").cast<py::dict>()) {
    py::handle v = item.second;
    if (!PyFunction_Check(v.ptr()) && !py::hasattr(v, "fn")) continue;
    py::object fn = PyFunction_Check(v.ptr()) ? py::reinterpret_borrow<py::object>(v) : v.attr("fn");
    if (!PyFunction_Check(fn.ptr()) || py::str(fn.attr("__module__")).cast<std::string>() != module_name)
      continue;
    known += (known.empty() ? "" : ", ") + py::str(item.first).cast<std::string>();
  }
  throw UserError("'" + path + "' has no kernel function '" + name + "'" +
                  (known.empty() ? "" : " (functions defined there: " + known + ")"));
}

}  // namespace nki::pyhost

// The host that owns kernel modules. A kernel file is a Python module: CPython imports it, and
// the specializer compiles only the kernel function and what it calls. The host (src/pyhost, over
// CPython) hands the specializer the kernel function, converts the Python objects kernel code
// reads (globals, closure cells, compile-time arguments) into compile-time values, and imports
// the modules kernel code imports. lang only knows this interface.
#pragma once

#include <memory>
#include <string>

#include "lang/value.h"

namespace nki::lang {

struct Interp;

// A host object handed to the specializer as a compile-time kernel argument.
struct HostObject {
  virtual ~HostObject() = default;
};

// The host's side of one specialization: its conversions are cached so that one Python object is
// one compile-time value (identity, aliasing and mutation behave as in Python).
class HostSession {
 public:
  virtual ~HostSession() = default;
  // The kernel function (a VKind::Function value).
  virtual Value kernel() = 0;
  // A compile-time argument; `what` names it in messages ("argument 'cfg'").
  virtual Value convert(const HostObject& obj, const std::string& what, SourceLoc loc) = 0;
  // `import dotted` (level 0) or `from .dotted import ...` (level dots) in code of `importer`.
  virtual Value import_module(const std::string& dotted, const ModuleObj* importer, int level,
                              SourceLoc loc) = 0;
};

class Host {
 public:
  virtual ~Host() = default;
  // A session for the specialization running in `in`.
  virtual std::unique_ptr<HostSession> open(Interp& in) const = 0;
};

}  // namespace nki::lang

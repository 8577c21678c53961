// User classes in kernels (nki-api.md §3.2): nl.NKIObject subclasses, with or without
// @dataclass (the same result: an __init__ over the annotated fields is synthesized when the class
// has none, then __post_init__ runs), plain classes (Python's __init__ rules unless @dataclass),
// methods, static and class methods, properties, __call__, frozen dataclasses, and Enum classes
// whose members are instances with `name` and `value`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lang/interp.h"

namespace nki::lang {

// What a class body records while it runs: assignment order and annotated fields.
struct ClassBody {
  std::vector<std::string> order;
  std::vector<std::string> annotated;
};

// Executes a `class` statement and returns the class.
Value define_class(Interp& in, const ast::Stmt& s, Env& env);
// Calling a class: an instance (or, for an Enum, the member with that value).
Value call_class(Interp& in, const Value& cls, CallArgs& args);
// Calling an instance: its __call__ method.
Value call_instance(Interp& in, const Value& inst, CallArgs& args);
Value class_attribute(Interp& in, const Value& cls, const std::string& name, SourceLoc loc);
Value instance_attribute(Interp& in, const Value& inst, const std::string& name, SourceLoc loc);
void set_instance_attribute(Interp& in, const Value& inst, const std::string& name, const Value& v,
                            SourceLoc loc);

// A method bound to `self` (calling it prepends self to the arguments).
Value bind_method(const Value& fn, const Value& self);

// The base classes kernels derive from, and the modules that provide them. `object` is the
// builtin name; deriving from it is deriving from nothing.
std::shared_ptr<ClassObj> nkiobject_class();
std::shared_ptr<ClassObj> enum_base_class();
std::shared_ptr<ClassObj> object_class();
// The staticmethod(f) / classmethod(f) builtins (is_static picks which).
Value method_wrapper(Interp& in, CallArgs& a, bool is_static);
std::shared_ptr<ModuleObj> make_dataclasses_module();
std::shared_ptr<ModuleObj> make_enum_module();

}  // namespace nki::lang

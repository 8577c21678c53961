// Compile-time values of the specializer. Scalars (None, bool, 32-bit int, 32-bit float) are held
// inline; everything else (strings, containers, functions, modules, tensors, ...) is a reference
// to a heap object, shared like Python references.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "frontend/ast.h"
#include "ir/tensor.h"
#include "support/dtype.h"
#include "support/source.h"

namespace nki::lang {

enum class VKind : uint8_t {
  None,
  Bool,
  Int,
  Float,
  Ellipsis,
  Str,
  Tuple,
  List,
  Dict,
  Range,
  Slice,
  Function,
  Builtin,
  Module,
  Object,
  Tensor,
  DType,
  Buffer,
  Class,
  Instance,
  Property,
  StaticMethod,
  ClassMethod,
};

struct Obj;
struct Interp;

struct Value {
  VKind kind = VKind::None;
  bool b = false;
  int32_t i = 0;
  float f = 0;
  DType dtype = DType::float32;  // VKind::DType
  Buffer buffer = Buffer::Sbuf;  // VKind::Buffer
  std::shared_ptr<Obj> obj;

  static Value none() { return {}; }
  static Value boolean(bool v) {
    Value x;
    x.kind = VKind::Bool;
    x.b = v;
    return x;
  }
  static Value integer(int32_t v) {
    Value x;
    x.kind = VKind::Int;
    x.i = v;
    return x;
  }
  static Value floating(float v) {
    Value x;
    x.kind = VKind::Float;
    x.f = v;
    return x;
  }
  static Value ellipsis() {
    Value x;
    x.kind = VKind::Ellipsis;
    return x;
  }
  static Value of_dtype(DType t) {
    Value x;
    x.kind = VKind::DType;
    x.dtype = t;
    return x;
  }
  static Value of_buffer(Buffer t) {
    Value x;
    x.kind = VKind::Buffer;
    x.buffer = t;
    return x;
  }
  static Value str(std::string s);
  static Value tuple(std::vector<Value> items);
  static Value list(std::vector<Value> items);
  static Value heap(VKind k, std::shared_ptr<Obj> o) {
    Value x;
    x.kind = k;
    x.obj = std::move(o);
    return x;
  }

  bool is_none() const { return kind == VKind::None; }
  bool is_number() const { return kind == VKind::Int || kind == VKind::Float || kind == VKind::Bool; }
  template <typename T>
  T& as() const {
    return static_cast<T&>(*obj);
  }
};

// Positional and keyword arguments of a call, with the location of the call expression.
struct CallArgs {
  std::vector<Value> pos;
  std::vector<std::pair<std::string, Value>> kw;
  SourceLoc loc;
};

using BuiltinFn = std::function<Value(Interp&, CallArgs&)>;

// The references an object gives up when its heap ends (Obj::release).
using Released = std::vector<std::shared_ptr<void>>;

// Every heap object created while a Heap is current (Interp owns one per specialization) is
// listed in it, so that ~Heap frees reference cycles, which shared_ptr alone never does: a closure
// and the scope it was defined in, a list that holds itself, an enum and its members. ~Heap takes
// every reference out of the objects still alive (Obj::release), then drops them all; what someone
// else still holds survives, empty. Single-threaded, like the specializer.
class Heap {
 public:
  Heap();  // becomes the thread's current heap until destroyed
  ~Heap();
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

 private:
  friend struct Obj;
  Obj* first_ = nullptr;
  Heap* previous_ = nullptr;
};

struct Obj {
  Obj();  // listed in the current heap, if any
  Obj(const Obj&) : Obj() {}
  Obj& operator=(const Obj&) { return *this; }
  virtual ~Obj();
  // Moves every reference this object holds into `out`, leaving it empty (for ~Heap).
  virtual void release(Released&) {}

 private:
  friend class Heap;
  Heap* heap_ = nullptr;
  Obj* prev_ = nullptr;
  Obj* next_ = nullptr;
};

struct StrObj : Obj {
  std::string s;
};
// Tuple and List.
struct SeqObj : Obj {
  std::vector<Value> items;
  void release(Released& out) override;
};
// A dict. Keys are any hashable compile-time value (see is_hashable), compared by dict_keys_equal:
// Python's rule that equal keys are one key (1, 1.0 and True), by value for str, numbers, None,
// dtypes, buffers and tuples of those, by identity for functions, classes, instances and objects.
// Insertion order; a linear scan (kernel dicts are small). The string overloads do not allocate.
struct DictObj : Obj {
  std::vector<std::pair<Value, Value>> items;
  // The value stored under `key`, or null. `key` must be hashable (callers check).
  Value* find(const Value& key);
  Value* find(const std::string& key);
  // Sets the value of `key`; a new key goes last, an existing one keeps its place and its
  // original key object (d[1] = 'a'; d[True] = 'b' leaves the key 1).
  void set(Value key, Value v);
  void set(const std::string& key, Value v);
  // Removes `key`; false if absent.
  bool erase(const Value& key);
  void release(Released& out) override;
};
struct RangeObj : Obj {
  int64_t start = 0, stop = 0, step = 1;
};
// A slice. nl.ds(reg, size) with a VirtualRegister start keeps the register in `start` and the
// compile-time size in `size` (none otherwise): a runtime start, resolved when a tensor is indexed.
struct SliceObj : Obj {
  Value start, stop, step, size;
};

// Names whose values the host (CPython, src/pyhost) holds and converts on first use: a Python
// function's __globals__, a closure's cells, a module's or a class's __dict__.
struct HostNames {
  virtual ~HostNames() = default;
  // The value of `name` as a compile-time value, or nullopt when the host has no such name.
  // Throws UserError (at `use`) when it exists but kernel code cannot use it.
  virtual std::optional<Value> fetch(const std::string& name, SourceLoc use) = 0;
};

// A lexical scope: a function activation's locals, linked to the scope it was defined in.
struct Scope {
  std::unordered_map<std::string, Value> vars;
  std::shared_ptr<Scope> parent;    // enclosing function scope (closures); null at module level
  std::shared_ptr<HostNames> host;  // a Python closure's cells, read into vars on first use
};

struct ModuleObj;

// A user function (def or lambda), inlined at every call.
struct FunctionObj : Obj {
  std::string name;
  const std::vector<ast::Param>* params = nullptr;
  const ast::Body* body = nullptr;         // def
  const ast::Expr* lambda_body = nullptr;  // lambda
  SourceLoc loc;
  std::vector<Value> defaults;  // one per param; kind None + has_default=false when absent
  std::vector<bool> has_default;
  std::shared_ptr<Scope> closure;  // defining function's scope, or null
  ModuleObj* module = nullptr;
  void release(Released& out) override;
};

struct BuiltinObj : Obj {
  std::string name;  // qualified, e.g. "nisa.tensor_tensor", used in messages
  BuiltinFn fn;
  Value self;  // bound receiver for methods (list.append), None otherwise
  void release(Released& out) override;
};

struct ModuleObj : Obj {
  std::string name;  // "nki.language", "my_helpers"
  std::unordered_map<std::string, Value> attrs;
  // A Python module (or a function's __globals__): names not in attrs are read from it on first
  // use and kept in attrs.
  std::shared_ptr<HostNames> host;
  // attrs[name], fetched from the host if needed; null if neither has it.
  const Value* find(const std::string& name, SourceLoc use);
  void release(Released& out) override;
};

// A generic object with named attributes (nl.tile_size, nisa.engine.vector, ...). `type_name`
// is what messages and type() show.
struct ObjectObj : Obj {
  std::string type_name;
  std::string repr;
  std::unordered_map<std::string, Value> attrs;
  // A Python object kernel code cannot use (inside a converted container or object): reading an
  // attribute of it fails with this message; other uses fail on its type_name.
  std::string unusable;
  void release(Released& out) override;
};

// A user class: a plain class, an nl.NKIObject subclass (either optionally a @dataclass), or an
// Enum. attrs may hold StaticMethod / ClassMethod wrappers and Property values.
struct ClassObj : Obj {
  enum class Kind : uint8_t { Base, Object, Enum };  // Base: nl.NKIObject / enum.Enum themselves
  Kind kind = Kind::Object;
  std::string name;
  std::vector<std::shared_ptr<ClassObj>> bases;
  std::unordered_map<std::string, Value> attrs;  // methods, class constants, enum members
  // Dataclass-style fields in definition order (inherited first) and their defaults.
  std::vector<std::string> fields;
  std::unordered_map<std::string, Value> field_defaults;
  bool is_dataclass = false;
  bool frozen = false;
  std::vector<std::string> enum_order;  // enum member names in definition order
  SourceLoc loc;
  // A Python class: attributes not in attrs are read from its __dict__ on first use.
  std::shared_ptr<HostNames> host;
  // An Enum with a builtin mixin (IntEnum, StrEnum, `class E(str, Enum)`): its members compare
  // equal to, and are the same dict key as, their values.
  bool value_mixin = false;

  // Looks `name` up in this class and its bases; null if absent.
  const Value* find(const std::string& name) const;
  bool is_subclass_of(const ClassObj* other) const;
  // Whether calling the class without an __init__ takes its fields (a @dataclass somewhere in its
  // bases, or an nl.NKIObject subclass) and its instances compare field by field; a plain class
  // takes no arguments then and compares by identity, as in Python.
  bool has_fields_init() const;
  void release(Released& out) override;
};

// An instance of a user class (an enum member is an instance of its enum with `name`/`value`).
struct InstanceObj : Obj {
  std::shared_ptr<ClassObj> cls;
  std::vector<std::pair<std::string, Value>> attrs;  // instance __dict__, in assignment order
  bool initialized = false;                          // frozen instances accept writes until then
  Value* find(const std::string& name);
  void set(const std::string& name, Value v);
  void release(Released& out) override;
};

// @property: calls the getter when read from an instance.
struct PropertyObj : Obj {
  Value getter;
  void release(Released& out) override;
};

// @staticmethod / @classmethod in a class's attrs: `fn` is the wrapped function (a FunctionObj,
// or a BuiltinObj). Read from the class or an instance, a staticmethod gives `fn` itself and a
// classmethod gives `fn` bound to the class it was read through (cls first).
struct StaticMethodObj : Obj {
  Value fn;
  void release(Released& out) override;
};
struct ClassMethodObj : Obj {
  Value fn;
  void release(Released& out) override;
};

// A tensor view: an access pattern over a storage of the kernel being built.
struct TensorObj : Obj {
  AccessPattern ap;
};

// Python-style type name of a value, for messages: "int", "tuple", "NkiTensor", ...
std::string type_name(const Value& v);
// "a tuple", "an int": a type name with its article, for messages.
std::string with_article(const std::string& type);
// str() and repr() of a value.
std::string to_str(const Value& v);
std::string to_repr(const Value& v);
// Python truthiness. Throws UserError for tensors ("the truth value of a tensor is only known
// at run time").
bool truthy(const Value& v);
// Python ==.
bool values_equal(const Value& a, const Value& b);
// Python `is`: inline values (None, bool, Ellipsis, dtype, buffer) and ints, floats (the same
// 32-bit pattern) and strings by value; every other value by object identity.
bool values_identical(const Value& a, const Value& b);
// Whether `v` can be a dict key: not a list, dict, tensor or slice, nor a tuple holding one.
// unhashable_type names the offending part ("list" for (1, [2])), "" when hashable.
bool is_hashable(const Value& v);
std::string unhashable_type(const Value& v);
// Dict key equality (hashable values only): Python's == for numbers, str, tuples, None, dtypes
// and buffers; the same object otherwise (nl/nisa builtins also match by qualified name).
bool dict_keys_equal(const Value& a, const Value& b);

}  // namespace nki::lang

// The specializer's interpreter: runs kernel code at compile time the way the NKI compiler does.
// Compile-time values are evaluated, loops unrolled, calls inlined; each nki.isa call appends one
// IR instruction to the kernel being built. Errors carry the source location and the chain of
// inlined calls that led there.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "arch/arch.h"
#include "frontend/ast.h"
#include "ir/kernel.h"
#include "lang/host.h"
#include "lang/value.h"

namespace nki::lang {

// Where names are looked up while executing: the innermost scope (a function activation or the
// module scope) and the module the code belongs to.
struct ClassBody;

struct Env {
  std::shared_ptr<Scope> scope;
  ModuleObj* module = nullptr;
  Value return_value;
  ClassBody* class_body = nullptr;  // set while a class body runs (records fields and order)

  // Binds `name` in the innermost scope (the module's attributes at module level).
  void bind(const std::string& name, Value v) { (scope ? scope->vars : module->attrs)[name] = std::move(v); }
};

struct InterpOptions {
  std::function<void(const std::string&)> print;
  int max_call_depth = 200;
  int64_t max_instructions = 5'000'000;
  int64_t max_compile_steps = 10'000'000;
  int program_id = 0;    // nl.program_id(0)
  int num_programs = 1;  // nl.num_programs()
};

struct Interp {
 private:
  Heap heap_;  // first, so it ends last: it frees the cycles the values below leave (value.h)

 public:
  Interp(const Arch& arch, Kernel& kernel, InterpOptions options);
  ~Interp();

  const Arch& arch;
  Kernel& kernel;
  InterpOptions options;

  // --- modules ---
  // The host that owns kernel modules (CPython); set once, before the kernel runs.
  void set_host(std::unique_ptr<HostSession> host) { host_ = std::move(host); }
  HostSession& host() const;
  // A Python builtin nki implements (len, range, int, ...), or null.
  const Value* python_builtin(const std::string& name) const {
    auto it = builtins_.find(name);
    return it == builtins_.end() ? nullptr : &it->second;
  }
  // A module nki implements itself (nki, nki.language, nki.isa, math, numpy, ...), or null.
  std::shared_ptr<ModuleObj> builtin_module(const std::string& dotted) const;
  // `import a.b.c` in code of `importer` (level > 0: `from .a import ...`): a built-in module,
  // else the host's.
  Value import_module(const std::string& dotted, const ModuleObj* importer, int level, SourceLoc loc);

  // --- execution ---
  enum class Flow { Normal, Break, Continue, Return };
  Flow exec_body(const ast::Body& body, Env& env);
  Flow exec_stmt(const ast::Stmt& s, Env& env);
  Value eval(const ast::Expr& e, Env& env);
  Value call(const Value& callee, CallArgs& args);
  // Runs a kernel function as the entry point: like a call, but with no call site to report.
  Value call_kernel(const FunctionObj& fn, CallArgs& args) { return call_function(fn, args, false); }
  void assign(const ast::Expr& target, const Value& v, Env& env);
  // `obj.name` for any value (module members, tensor metadata, methods, instance fields, ...).
  Value get_attr(const Value& obj, const std::string& name, SourceLoc loc);
  // Python iteration over a compile-time iterable; `body` returns false to stop.
  void iterate(const Value& iterable, SourceLoc loc, const std::function<bool(const Value&)>& body);

  // --- errors ---
  [[noreturn]] void fail(SourceLoc loc, const std::string& message) const;
  // The same, for errors a host maps to its own type (ErrorClass::type for wrong call arguments).
  [[noreturn]] void fail(SourceLoc loc, const std::string& message, ErrorClass c) const;
  // The call sites of the inlined functions currently executing, outermost first.
  const std::vector<SourceLoc>& call_sites() const { return call_sites_; }

  // The compile-time work budget (options.max_compile_steps): every iteration of a compile-time
  // loop (for, while, a comprehension, a builtin walking a sequence), every call, and every
  // element of a list, tuple or string built by `*` or `+` costs a step; past the budget, an
  // error at `loc`.
  void spend(int64_t steps, SourceLoc loc);

  // --- building the kernel ---
  // Appends an instruction at the location of the nki.isa call being evaluated.
  Instruction& emit(Opcode op, SourceLoc loc);
  // Creates a storage and its alloc instruction; returns a tensor value of the whole storage.
  Value new_tensor(const std::string& name, Buffer buffer, DType dtype, std::vector<int64_t> shape,
                   SourceLoc loc);

  // Name of the variable currently being assigned (used to name fresh storages), or "".
  std::string pending_name;

  // --- runtime control flow (runtime_loops.cpp) ---
  static bool is_register_value(const Value& v);
  // Emits loop_begin (its attributes set by `header`), runs `body` once, emits loop_end.
  void runtime_loop(SourceLoc loc, const std::function<void(Instruction&)>& header,
                    const std::function<void()>& body);

 private:
  Value lookup(const std::string& name, const Env& env, SourceLoc loc) const;
  Value call_function(const FunctionObj& fn, CallArgs& args, bool push_site = true);
  void bind_params(const FunctionObj& fn, CallArgs& args, Scope& scope);
  Value eval_call(const ast::Expr& e, Env& env);
  Value eval_binop(ast::BinaryOp op, const Value& a, const Value& b, SourceLoc loc);
  Value eval_compare(const ast::Expr& e, Env& env);
  Value eval_subscript(const Value& v, const Value& key, SourceLoc loc);
  Value eval_fstring(const ast::Expr& e, Env& env);
  Value eval_comprehension(const ast::Expr& e, Env& env);
  Flow exec_for(const ast::Stmt& s, Env& env);
  Flow exec_import(const ast::Stmt& s, Env& env);
  Flow exec_with(const ast::Stmt& s, Env& env);
  Flow exec_runtime_for(const ast::Stmt& s, const Value& range, Env& env);
  Flow exec_runtime_while(const ast::Stmt& s, const Value& cond, Env& env);
  void runtime_body(const ast::Body& body, Env& env, SourceLoc loc);
  Value make_function(const ast::Stmt* def, const ast::Expr* lambda, Env& env);
  Value decorate(const ast::Stmt& s, Value v, Env& env);

  std::vector<SourceLoc> call_sites_;
  int64_t steps_ = 0;             // compile-time work spent (spend())
  int no_reorder_depth_ = 0;      // nesting of `with nl.no_reorder():` blocks
  int runtime_loop_depth_ = 0;    // nesting of runtime loops being specialized
  int64_t no_reorder_last_ = -1;  // the last instruction emitted inside them
  CallStack stack_cache_;
  std::unordered_map<std::string, std::shared_ptr<ModuleObj>> modules_;  // built-in, by dotted name
  std::unique_ptr<HostSession> host_;
  std::unordered_map<std::string, Value> builtins_;
};

// Reads positional/keyword arguments of a built-in the way Python binds parameters.
// `params` lists names in positional order; a name ending in '=' is optional.
class ArgBinder {
 public:
  ArgBinder(Interp& in, CallArgs& args, std::string fname, std::vector<std::string> params);
  // The argument, or null if an optional one was not given.
  const Value* get(const std::string& name) const;
  const Value& req(const std::string& name) const;
  bool has(const std::string& name) const { return get(name) != nullptr; }
  SourceLoc loc() const { return loc_; }
  const std::string& fname() const { return fname_; }

 private:
  Interp& in_;
  std::string fname_;
  SourceLoc loc_;
  std::vector<std::string> names_;
  std::vector<const Value*> slots_;
};

// Conversions with errors that name the function and argument.
int64_t to_int(Interp& in, const Value& v, const std::string& what, SourceLoc loc);
double to_float(Interp& in, const Value& v, const std::string& what, SourceLoc loc);
TensorObj& to_tensor(Interp& in, const Value& v, const std::string& what, SourceLoc loc);
// A dtype given as nl.<dtype> or by name ("bfloat16").
DType to_dtype(Interp& in, const Value& v, const std::string& what, SourceLoc loc);
std::vector<int64_t> to_shape(Interp& in, const Value& v, const std::string& what, SourceLoc loc);
// `key` itself when it can be a dict key; else an error "unhashable type: 'list'" (a type error).
const Value& dict_key(Interp& in, const Value& key, SourceLoc loc);
// dict(pairs) / d.update(pairs): sets each (key, value) pair of an iterable.
void dict_set_pairs(Interp& in, DictObj& d, const Value& pairs, SourceLoc loc, const std::string& fname);

// nisa.register_* and nl.dynamic_range / fori_loop / while_loop (runtime_loops.cpp), and the
// check that tensors allocated in a runtime loop body are not used outside it.
void install_runtime_control(Interp& in, std::unordered_map<std::string, Value>& nl_attrs,
                             std::unordered_map<std::string, Value>& nisa_attrs);
void check_runtime_loop_scopes(const Kernel& k);
// A new VirtualRegister set to `value` (a register_move); ncc.rank_id() uses it.
Value register_holding(Interp& in, int64_t value, SourceLoc loc);
// nki.collectives (collectives.cpp): ReplicaGroup, rank_id, all_reduce and all_gather run between
// the cores of the launch; the others import, and a call says they are not simulated yet.
std::shared_ptr<ModuleObj> make_collectives_module();

// Scheduling hints (schedule_hints.cpp): the handle an nki.isa call returns, and the context
// manager nl.no_reorder() returns.
Value instruction_handle(Interp& in, size_t index);
Value no_reorder_context();

// The built-in modules and functions.
void install_python_builtins(Interp& in, std::unordered_map<std::string, Value>& out);
std::shared_ptr<ModuleObj> make_language_module(Interp& in);
// Python's `math` and the parts of `numpy` kernels use at compile time.
std::shared_ptr<ModuleObj> make_math_module();
std::shared_ptr<ModuleObj> make_numpy_module();
std::shared_ptr<ModuleObj> make_typing_module();
// nki.typing: annotations (nt.tensor[...]) are not evaluated; the names exist for imports.
std::shared_ptr<ModuleObj> make_nki_typing_module();
// The nki.language operations that expand into ISA instructions (language_ops.cpp).
void install_language_ops(Interp& in, std::unordered_map<std::string, Value>& attrs);
std::shared_ptr<ModuleObj> make_isa_module(Interp& in);
// nki.isa.constants (`from nki.isa.constants import oob_mode, ...`): the same enums as nisa's.
std::shared_ptr<ModuleObj> make_isa_constants_module(const ModuleObj& nisa);
Value make_builtin(std::string name, BuiltinFn fn);

// Tensor views (indexing rules of nki-api.md §4.2) and tensor attributes.
Value index_tensor(Interp& in, const TensorObj& t, const Value& key, SourceLoc loc);
Value tensor_attribute(Interp& in, const Value& t, const std::string& attr, SourceLoc loc);

}  // namespace nki::lang

// Specializing a kernel: take the kernel function from the host, bind arguments (tensors become
// HBM inputs), run the function body at compile time, and record what it returns as the outputs.
#include "lang/specialize.h"

#include "lang/classes.h"
#include "lang/interp.h"
#include "support/diagnostics.h"

namespace nki {

using namespace lang;

namespace {

Value compile_time_value(Interp& in, const ArgValue& a, const std::string& pname, SourceLoc loc) {
  return std::visit(
      [&](const auto& x) -> Value {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, ArgValue::None>)
          return Value::none();
        else if constexpr (std::is_same_v<T, bool>)
          return Value::boolean(x);
        else if constexpr (std::is_same_v<T, int64_t>) {
          if (x < INT32_MIN || x > INT32_MAX)
            throw UserError(
                loc, "argument '" + pname + "': " + std::to_string(x) + " does not fit in a 32-bit int");
          return Value::integer(static_cast<int32_t>(x));
        } else if constexpr (std::is_same_v<T, double>)
          return Value::floating(static_cast<float>(x));
        else if constexpr (std::is_same_v<T, std::string>)
          return Value::str(x);
        else if constexpr (std::is_same_v<T, ArgValue::Host>)
          return in.host().convert(*x, "argument '" + pname + "'", loc);
        else if constexpr (std::is_same_v<T, HostArray>) {
          throw UserError(loc, "argument '" + pname +
                                   "': tensors inside tuples are not supported; pass each "
                                   "tensor as its own argument");
        } else {
          std::vector<Value> items;
          for (const auto& e : x) items.push_back(compile_time_value(in, e, pname, loc));
          return a.is_tuple ? Value::tuple(std::move(items)) : Value::list(std::move(items));
        }
      },
      a.v);
}

// kernel.with_schedule(...): explicit edges between named instructions.
void apply_schedule(Kernel& k, const SpecializeOptions& opts) {
  auto indices = [&k](const std::string& name) {
    std::vector<uint32_t> out;
    for (size_t i = 0; i < k.body.size(); ++i)
      if (k.body[i].name == name) out.push_back(static_cast<uint32_t>(i));
    if (out.empty())
      throw UserError("with_schedule: no instruction is named '" + name + "' (name instructions with name=)");
    return out;
  };
  for (const auto& [consumer, producers] : opts.schedule) {
    auto cs = indices(consumer);
    for (const auto& producer : producers) {
      auto ps = indices(producer);
      bool any = false;
      for (uint32_t c : cs)
        for (uint32_t p : ps)
          if (p < c) {
            k.body[c].deps.push_back(p);
            any = true;
          }
      if (!any)
        throw UserError("with_schedule: '" + consumer + "' never comes after '" + producer +
                        "' in program order, so it cannot wait for it");
    }
  }
}

// The shape a returned tensor reaches the caller in: the storage's own, or a view's that reads
// every element of the storage once in row-major order (a reshape of it). Other views are errors.
std::vector<int64_t> returned_shape(const AccessPattern& ap, const std::string& fn_name, SourceLoc loc) {
  const Storage& s = *ap.storage;
  if (ap == AccessPattern::whole(s)) return {};
  std::string why;
  if (ap.dtype != s.dtype)
    why = "it reads the tensor as " + std::string(dtype_name(ap.dtype)) + ", not " +
          std::string(dtype_name(s.dtype));
  else if (ap.dynamic)
    why = "it has a run-time offset";
  else if (ap.num_elements() != s.num_elements() || ap.offset != 0)
    why = "it covers " + std::to_string(ap.num_elements()) + " of its " + std::to_string(s.num_elements()) +
          " elements";
  else if (!ap.is_contiguous())
    why = "its elements are not in the tensor's row-major order";
  if (!why.empty())
    throw UserError(loc, "kernel '" + fn_name + "' returns a view of '" + s.name +
                             "' that is not a reshape of the whole tensor (" + why +
                             "); return the tensor or a reshape of it");
  return ap.shape();
}

std::string param_name(const FunctionObj& fn, size_t pos) {
  size_t k = 0;
  for (const auto& p : *fn.params) {
    if (p.kind != ast::Param::Kind::Normal) break;
    if (k++ == pos) return p.name;
  }
  return "arg" + std::to_string(pos);
}

}  // namespace

Specialized specialize(const Host& host, const std::vector<NamedArg>& args, const Arch& arch,
                       const SpecializeOptions& opts) {
  Specialized out;
  out.kernel = std::make_unique<Kernel>();
  Kernel& kernel = *out.kernel;
  kernel.target = arch.name;
  InterpOptions io;
  io.print = opts.print;
  io.program_id = opts.program_id;
  io.num_programs = opts.num_programs;
  io.max_instructions = opts.max_instructions;
  io.max_call_depth = opts.max_call_depth;
  io.max_compile_steps = opts.max_compile_steps;
  if (opts.num_programs < 1 || opts.program_id < 0 || opts.program_id >= opts.num_programs)
    throw UserError("program " + std::to_string(opts.program_id) + " of a launch of " +
                    std::to_string(opts.num_programs) + " does not exist");
  Interp in(arch, kernel, io);

  in.set_host(host.open(in));
  Value entry = in.host().kernel();
  NKI_CHECK(entry.kind == VKind::Function, "the host's kernel is not a function");
  const FunctionObj& fn = entry.as<FunctionObj>();
  kernel.name = fn.name;
  const std::string& fn_name = fn.name;

  for (const auto& p : *fn.params)
    if (p.kind == ast::Param::Kind::KwOnlyMarker)
      throw UserError(p.loc, "a kernel signature cannot contain a bare '*' (keyword-only parameters)");

  CallArgs call;
  call.loc = fn.loc;
  for (size_t i = 0; i < args.size(); ++i) {
    const NamedArg& a = args[i];
    std::string pname = a.name.empty() ? param_name(fn, i) : a.name;
    Value v;
    if (const HostArray* h = std::get_if<HostArray>(&a.value.v)) {
      // LNC2: the caller's tensors are visible to both cores, as the NKI simulator places them.
      const Buffer where = opts.num_programs > 1 ? Buffer::SharedHbm : Buffer::PrivateHbm;
      Storage& s = kernel.add_storage(pname, where, h->dtype, h->shape, fn.loc);
      s.is_argument = true;
      kernel.inputs.push_back(&s);
      out.input_arg_index.push_back(i);
      auto t = std::make_shared<TensorObj>();
      t->ap = AccessPattern::whole(s);
      v = Value::heap(VKind::Tensor, t);
    } else {
      try {
        v = compile_time_value(in, a.value, pname, fn.loc);
      } catch (UserError& e) {  // an argument of a kind a kernel cannot take
        if (e.error_class() == ErrorClass::general) e.set_error_class(ErrorClass::type);
        throw;
      }
    }
    if (a.name.empty())
      call.pos.push_back(std::move(v));
    else
      call.kw.emplace_back(a.name, std::move(v));
  }

  Value result = in.call_kernel(fn, call);

  std::vector<Value> returned;
  // A tuple or a list of outputs (library kernels build `outs` with append and return it).
  if (result.kind == VKind::Tuple || result.kind == VKind::List)
    returned = result.as<SeqObj>().items;
  else if (!result.is_none())
    returned.push_back(result);
  for (const Value& r : returned) {
    if (r.kind != VKind::Tensor)
      throw UserError(fn.loc, "kernel '" + fn_name + "' returns " + with_article(type_name(r)) +
                                  "; a kernel returns its output tensors (or nothing)");
    const AccessPattern& ap = r.as<TensorObj>().ap;
    if (ap.storage->buffer != Buffer::SharedHbm)
      throw UserError(ap.storage->loc, "kernel output '" + ap.storage->name + "' is in " +
                                           std::string(buffer_name(ap.storage->buffer)) +
                                           "; kernel outputs must be created with buffer=nl.shared_hbm");
    kernel.outputs.push_back(ap.storage);
    kernel.output_shapes.push_back(returned_shape(ap, fn_name, fn.loc));
  }
  check_runtime_loop_scopes(kernel);
  apply_schedule(kernel, opts);
  return out;
}

}  // namespace nki

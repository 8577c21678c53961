// The nki.language module (nl): dtypes, buffers, tile_size, tensor creation, nl.ds, loop
// iterators, SPMD queries, and the operator names used as `op=` values of nki.isa calls.
#include <fmt/format.h>

#include "lang/classes.h"
#include "lang/interp.h"
#include "lang/ops.h"
#include "support/diagnostics.h"

namespace nki::lang {

namespace {

Buffer to_buffer(Interp& in, const Value& v, const std::string& what, SourceLoc loc) {
  if (v.kind == VKind::Buffer) return v.buffer;
  if (v.kind == VKind::Str)
    in.fail(loc, what +
                     ": buffers are given as nl.sbuf, nl.psum, nl.hbm, nl.private_hbm or nl.shared_hbm, "
                     "not as the string '" +
                     v.as<StrObj>().s + "'");
  in.fail(loc, what + " must be a buffer such as nl.sbuf, not " + type_name(v));
}

// nl.ndarray and friends: validates shape and placement, creates the storage.
Value create_tensor(Interp& in, const ArgBinder& b, const std::string& fname, bool has_address) {
  SourceLoc loc = b.loc();
  std::vector<int64_t> shape = to_shape(in, b.req("shape"), fname + "() shape", loc);
  DType dtype = to_dtype(in, b.req("dtype"), fname + "() dtype", loc);
  Buffer buffer = b.has("buffer") && !b.get("buffer")->is_none()
                      ? to_buffer(in, *b.get("buffer"), fname + "() buffer", loc)
                      : Buffer::Sbuf;
  std::string name = in.pending_name;
  if (b.has("name") && b.get("name")->kind == VKind::Str && !b.get("name")->as<StrObj>().s.empty())
    name = b.get("name")->as<StrObj>().s;
  else if (b.has("name") && b.get("name")->kind != VKind::Str)
    in.fail(loc, fname + "() name must be a string");
  const Arch& arch = in.arch;
  if (is_on_chip(buffer)) {
    if (shape[0] > arch.num_partitions)
      in.fail(loc,
              fmt::format("{}(): partition dimension {} exceeds the maximum of {} (nl.tile_size.pmax); "
                          "dimension 0 of an {} tensor is the partition dimension",
                          fname, shape[0], arch.num_partitions, buffer_name(buffer)),
              ErrorClass::validation);
    int64_t bytes = dtype_size(dtype);
    for (size_t i = 1; i < shape.size(); ++i) bytes *= shape[i];
    int64_t cap = buffer == Buffer::Sbuf ? arch.sbuf_usable_bytes : arch.psum_partition_bytes;
    if (bytes > cap)
      in.fail(loc,
              fmt::format("{}(): the tensor needs {} bytes per partition but {} has {} bytes per partition",
                          fname, bytes, buffer_name(buffer), cap),
              ErrorClass::validation);
  }
  Value t = in.new_tensor(name, buffer, dtype, shape, loc);
  if (has_address && b.has("address") && !b.get("address")->is_none()) {
    const Value& a = *b.get("address");
    if (!is_on_chip(buffer)) in.fail(loc, fname + "(): address= applies only to sbuf and psum tensors");
    if (a.kind != VKind::Tuple || a.as<SeqObj>().items.size() != 2)
      in.fail(loc, fname + "(): address must be a (partition, byte_offset) tuple");
    Storage& s = *in.kernel.storages.back();
    s.partition_start = static_cast<int>(to_int(in, a.as<SeqObj>().items[0], "address partition", loc));
    s.byte_offset = to_int(in, a.as<SeqObj>().items[1], "address byte offset", loc);
    s.fixed_address = true;
  }
  return t;
}

Value iterator(Interp& in, CallArgs& a, const std::string& fname) {
  ArgBinder b(in, a, fname, {"start", "stop=", "step="});
  auto r = std::make_shared<RangeObj>();
  int64_t x = to_int(in, b.req("start"), fname + "() start", a.loc);
  if (!b.has("stop") || b.get("stop")->is_none()) {
    r->stop = x;
  } else {
    r->start = x;
    r->stop = to_int(in, *b.get("stop"), fname + "() stop", a.loc);
  }
  if (b.has("step")) r->step = to_int(in, *b.get("step"), fname + "() step", a.loc);
  if (r->step == 0) in.fail(a.loc, fname + "() step must not be zero");
  return Value::heap(VKind::Range, r);
}

}  // namespace

std::shared_ptr<ModuleObj> make_language_module(Interp& in) {
  auto m = std::make_shared<ModuleObj>();
  m->name = "nki.language";
  auto& A = m->attrs;
  auto def = [&A](const std::string& name, BuiltinFn fn) {
    A[name] = make_builtin("nl." + name, std::move(fn));
  };

#define X(e, name, size, np) A[name] = Value::of_dtype(DType::e);
  NKI_DTYPES(X)
#undef X
  A["bool"] = Value::of_dtype(DType::bool_);
  A["sbuf"] = Value::of_buffer(Buffer::Sbuf);
  A["psum"] = Value::of_buffer(Buffer::Psum);
  A["hbm"] = Value::of_buffer(Buffer::PrivateHbm);
  A["private_hbm"] = Value::of_buffer(Buffer::PrivateHbm);
  A["shared_hbm"] = Value::of_buffer(Buffer::SharedHbm);

  // nl.tile_size: hardware limits of the target, as plain ints.
  auto ts = std::make_shared<ObjectObj>();
  ts->type_name = "tile_size";
  ts->repr = "nl.tile_size";
  const Arch& arch = in.arch;
  auto set = [&ts](const char* k, int64_t v) { ts->attrs[k] = Value::integer(static_cast<int32_t>(v)); };
  set("pmax", arch.num_partitions);
  set("psum_fmax", arch.psum_bank_bytes / 4);
  set("psum_bank_fmax", arch.psum_bank_bytes / 4);
  set("psum_bank_fmax_bytes", arch.psum_bank_bytes);
  set("psum_num_banks", arch.psum_num_banks);
  set("gemm_stationary_fmax", arch.gemm_stationary_fmax);
  set("gemm_moving_fmax", arch.gemm_moving_fmax);
  set("bn_stats_fmax", arch.bn_stats_fmax);
  set("psum_min_align", arch.psum_min_align);
  set("sbuf_min_align", arch.sbuf_min_align);
  set("total_available_sbuf_size", arch.sbuf_usable_bytes);
  set("sbuf_fmax", arch.sbuf_usable_bytes / 4);
  set("sbuf_fmax_bytes", arch.sbuf_usable_bytes);
  set("sbuf_size_bytes", arch.sbuf_usable_bytes * arch.num_partitions);
  A["tile_size"] = Value::heap(VKind::Object, ts);
  A["NKIObject"] = Value::heap(VKind::Class, nkiobject_class());
  // The tensor type, for isinstance(x, nl.NkiTensor) and annotations; tensors come from
  // nl.ndarray and friends, not from calling it.
  A["NkiTensor"] = make_builtin("NkiTensor", [](Interp& in, CallArgs& a) -> Value {
    in.fail(a.loc, "nl.NkiTensor(...) cannot be called in a kernel; create tensors with nl.ndarray");
  });

  // nl.is_hbm(buffer) ... nl.is_on_chip(buffer): which memory a buffer (or a tensor's) is.
  const std::pair<const char*, bool (*)(Buffer)> buffer_tests[] = {
      {"is_hbm", [](Buffer b) { return is_hbm(b); }},
      {"is_on_chip", [](Buffer b) { return is_on_chip(b); }},
      {"is_sbuf", [](Buffer b) { return b == Buffer::Sbuf; }},
      {"is_psum", [](Buffer b) { return b == Buffer::Psum; }}};
  for (const auto& [name, test] : buffer_tests)
    def(name, [name = std::string(name), test = test](Interp& in, CallArgs& a) {
      ArgBinder b(in, a, "nl." + name, {"buffer"});
      const Value& v = b.req("buffer");
      if (v.kind == VKind::Tensor) return Value::boolean(test(v.as<TensorObj>().ap.storage->buffer));
      if (v.kind != VKind::Buffer)
        in.fail(a.loc, "nl." + name + "(): expected a buffer (nl.sbuf, ...), got " + type_name(v));
      return Value::boolean(test(v.buffer));
    });

  def("ndarray", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.ndarray", {"shape", "dtype", "buffer=", "name=", "address="});
    return create_tensor(in, b, "nl.ndarray", true);
  });
  def("zeros", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.zeros", {"shape", "dtype", "buffer=", "name="});
    Value t = create_tensor(in, b, "nl.zeros", false);
    const AccessPattern& ap = t.as<TensorObj>().ap;
    if (!is_on_chip(ap.storage->buffer))
      in.fail(a.loc,
              "nl.zeros(): HBM tensors cannot be initialized by the kernel; allocate an sbuf or psum "
              "tensor, or write the HBM tensor with nisa.dma_copy");
    Instruction& inst = in.emit(Opcode::memset, a.loc);
    inst.operands[0] = Operand::tensor(ap);
    inst.set_attr("value", is_float(ap.dtype) ? AttrValue(0.0) : AttrValue(int64_t{0}));
    return t;
  });
  def("ds", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.ds", {"start", "size"});
    int64_t size = to_int(in, b.req("size"), "nl.ds() size", a.loc);
    if (size <= 0) in.fail(a.loc, fmt::format("nl.ds(): size must be positive, got {}", size));
    if (Interp::is_register_value(b.req("start"))) {  // a runtime start (tensor_view.cpp)
      auto s = std::make_shared<SliceObj>();
      s->start = b.req("start");
      s->size = Value::integer(static_cast<int32_t>(size));
      return Value::heap(VKind::Slice, s);
    }
    int64_t start = to_int(in, b.req("start"), "nl.ds() start", a.loc);
    if (start < 0) in.fail(a.loc, fmt::format("nl.ds(): start must not be negative, got {}", start));
    auto s = std::make_shared<SliceObj>();
    s->start = Value::integer(static_cast<int32_t>(start));
    s->stop = Value::integer(static_cast<int32_t>(start + size));
    return Value::heap(VKind::Slice, s);
  });
  for (const char* it : {"affine_range", "sequential_range", "static_range"})
    def(it, [name = std::string(it)](Interp& in, CallArgs& a) { return iterator(in, a, "nl." + name); });
  def("program_id", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.program_id", {"axis="});
    if (b.has("axis") && to_int(in, *b.get("axis"), "nl.program_id() axis", a.loc) != 0)
      in.fail(a.loc, "nl.program_id(): the launch grid has one axis (axis=0)");
    return Value::integer(in.options.program_id);
  });
  def("num_programs", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.num_programs", {"axes="});
    if (b.has("axes") && !b.get("axes")->is_none() &&
        to_int(in, *b.get("axes"), "nl.num_programs() axes", a.loc) != 0)
      in.fail(a.loc, "nl.num_programs(): the launch grid has one axis (axes=0)");
    return Value::integer(in.options.num_programs);
  });
  install_language_ops(in, A);
  def("no_reorder", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.no_reorder", {});
    return no_reorder_context();
  });
  // The launch grid of the current NKI is one axis, the LNC degree (nki-api.md §2.1).
  def("program_ndim", [](Interp& in, CallArgs& a) {
    ArgBinder b(in, a, "nl.program_ndim", {});
    return Value::integer(1);
  });
  // Operator names: values for op=/op0=/op1= of nki.isa calls.
  for (const auto& op : all_op_names()) {
    if (A.count(op)) continue;
    A[op] = make_builtin("nl." + op, [op](Interp& in, CallArgs& a) -> Value {
      in.fail(a.loc, "nl." + op +
                         "(...) as a function is not supported yet by nki; use it as an operator "
                         "of an nki.isa instruction, e.g. nisa.tensor_tensor(..., op=nl." +
                         op + ")");
    });
  }
  return m;
}

}  // namespace nki::lang

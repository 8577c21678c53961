// The _nki Python extension: the thin layer between the `nki` Python package and the driver
// (src/driver/driver.h), the same entry point the `nki` command uses. It converts Python values
// to kernel arguments (NumPy arrays become HBM tensors, scalars/strings/tuples stay compile-time
// values), compiles a kernel into a Compiled object (the Python package caches these), and runs
// it with the GIL released, converting outputs (and inputs the kernel wrote) back to NumPy.
// A nki::UserError becomes the exception nki._errors.exception_for picks for its ErrorClass
// (nki.NkiError or a subclass), whose str() is the full "file:line:col: error: ..." diagnostic;
// an internal error becomes RuntimeError.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "driver/driver.h"
#include "ir/kernel.h"
#include "lang/interp.h"
#include "profile/profile.h"
#include "pyhost/pyhost.h"
#include "support/diagnostics.h"
#include "support/dtype.h"
#include "support/npy.h"
#include "support/shape.h"

namespace py = pybind11;

namespace {

// A host array whose dtype NumPy cannot express (bfloat16, tfloat32, fp8), built by rounding a
// float32 array exactly as a hardware write would. Created from Python by nki.as_dtype().
struct TypedArray {
  nki::HostArray host;
};

// The NumPy dtype name for `t`, or "" when NumPy has none.
std::string numpy_name(nki::DType t) {
  switch (t) {
#define X(e, name, size, np) \
  case nki::DType::e: return np;
    NKI_DTYPES(X)
#undef X
  }
  return "";
}

// Every nki dtype, in table order.
constexpr nki::DType kAllDtypes[] = {
#define X(e, name, size, np) nki::DType::e,
    NKI_DTYPES(X)
#undef X
};

// The nki dtype of a NumPy dtype name, or nullopt. Besides NumPy's own types this accepts the
// ml_dtypes extension types whose bit layout is unambiguous (bfloat16 and the OCP fp8 types).
std::optional<nki::DType> dtype_from_numpy(const std::string& name) {
  for (nki::DType t : kAllDtypes) {
    if (!numpy_name(t).empty() && numpy_name(t) == name) return t;
  }
  if (name == "bfloat16") return nki::DType::bfloat16;
  if (name == "float8_e5m2") return nki::DType::float8_e5m2;
  if (name == "float8_e4m3fn") return nki::DType::float8_e4m3fn;
  return std::nullopt;
}

std::string supported_numpy_dtypes() {
  std::string out;
  for (nki::DType t : kAllDtypes) {
    if (numpy_name(t).empty()) continue;
    if (!out.empty()) out += ", ";
    out += numpy_name(t);
  }
  return out;
}

py::module_ numpy() {
  return py::module_::import("numpy");
}

// Copies a NumPy array (any layout, native or swapped byte order) into a row-major HostArray.
nki::HostArray host_array_from_numpy(py::handle obj, const std::string& what) {
  py::array arr = numpy().attr("ascontiguousarray")(obj);
  py::dtype dt = arr.dtype();
  if (dt.attr("byteorder").cast<std::string>() == ">") {
    arr = numpy().attr("ascontiguousarray")(arr, dt.attr("newbyteorder")("="));
    dt = arr.dtype();
  }
  std::string name = dt.attr("name").cast<std::string>();
  auto t = dtype_from_numpy(name);
  if (!t || nki::dtype_size(*t) != dt.itemsize()) {
    throw py::type_error(what + ": NumPy arrays of dtype " + name +
                         " are not supported (supported: " + supported_numpy_dtypes() +
                         "); convert with .astype(), or use nki.as_dtype(x, nl.bfloat16) for bfloat16");
  }
  nki::HostArray h;
  h.dtype = *t;
  for (py::ssize_t i = 0; i < arr.ndim(); ++i) h.shape.push_back(arr.shape(i));
  h.data.resize(static_cast<size_t>(arr.nbytes()));
  if (!h.data.empty()) std::memcpy(h.data.data(), arr.data(), h.data.size());
  return h;
}

py::array bits_of(const nki::HostArray& h);

// Converts an output to NumPy; dtypes without a NumPy equivalent come back as float32 (exact);
// the packed MX dtypes (four values per element) as their raw bits (uint32 / uint16).
py::array numpy_from_host_array(const nki::HostArray& h) {
  if (nki::is_packed_mx(h.dtype)) return bits_of(h);
  std::vector<py::ssize_t> shape(h.shape.begin(), h.shape.end());
  std::string np_name = numpy_name(h.dtype);
  if (!np_name.empty()) {
    py::array out(py::dtype(np_name), shape);
    if (!h.data.empty()) std::memcpy(out.mutable_data(), h.data.data(), h.data.size());
    return out;
  }
  py::array_t<float> out(shape);
  float* dst = out.mutable_data();
  const int elem = nki::dtype_size(h.dtype);
  for (int64_t i = 0; i < h.size(); ++i) dst[i] = nki::load_as_f32(h.dtype, h.data.data() + i * elem);
  return out;
}

// Builds a TypedArray of NKI dtype `dtype_name` from array-like `obj`.
TypedArray make_typed_array(py::handle obj, const std::string& dtype_name) {
  auto t = nki::parse_dtype(dtype_name);
  if (!t) throw py::value_error("unknown NKI dtype '" + dtype_name + "'");
  if (nki::is_packed_mx(*t))
    throw py::type_error("nki.as_dtype: " + dtype_name +
                         " packs four values per element; build it from its raw " +
                         "bits with nki.from_bits(words, '" + dtype_name + "') (uint" +
                         std::to_string(8 * nki::dtype_size(*t)) + " words, value i in bits i*" +
                         (*t == nki::DType::float4_e2m1fn_x4 ? "4" : "8") + "...)");
  std::string np_name = numpy_name(*t);
  if (!np_name.empty()) {  // NumPy can convert it itself.
    py::object arr = numpy().attr("asarray")(obj, py::dtype(np_name));
    return TypedArray{host_array_from_numpy(arr, "nki.as_dtype")};
  }
  py::array_t<float, py::array::c_style | py::array::forcecast> f32 = numpy().attr("asarray")(obj);
  nki::HostArray h;
  h.dtype = *t;
  for (py::ssize_t i = 0; i < f32.ndim(); ++i) h.shape.push_back(f32.shape(i));
  const int elem = nki::dtype_size(*t);
  h.data.resize(static_cast<size_t>(f32.size()) * elem);
  const float* src = f32.data();
  for (py::ssize_t i = 0; i < f32.size(); ++i) nki::store_from_f32(*t, src[i], h.data.data() + i * elem);
  return TypedArray{std::move(h)};
}

// A TypedArray of NKI dtype `dtype_name` whose elements are the raw bits in `obj`, an unsigned
// integer array of the dtype's width (uint16 for bfloat16, uint8 for fp8, uint32 for tfloat32).
TypedArray typed_array_from_bits(py::handle obj, const std::string& dtype_name) {
  auto t = nki::parse_dtype(dtype_name);
  if (!t) throw py::value_error("unknown NKI dtype '" + dtype_name + "'");
  const int elem = nki::dtype_size(*t);
  std::string want = "uint" + std::to_string(8 * elem);
  py::array arr = numpy().attr("ascontiguousarray")(obj);
  std::string got = arr.dtype().attr("name").cast<std::string>();
  if (got != want)
    throw py::type_error("nki.from_bits: the bits of " + dtype_name + " are a " + want + " array, got " +
                         got);
  nki::HostArray h;
  h.dtype = *t;
  for (py::ssize_t i = 0; i < arr.ndim(); ++i) h.shape.push_back(arr.shape(i));
  h.data.resize(static_cast<size_t>(arr.nbytes()));
  if (!h.data.empty()) std::memcpy(h.data.data(), arr.data(), h.data.size());
  return TypedArray{std::move(h)};
}

// The raw bits of `h` as an unsigned integer array of the dtype's width.
py::array bits_of(const nki::HostArray& h) {
  std::vector<py::ssize_t> shape(h.shape.begin(), h.shape.end());
  py::array out(py::dtype("uint" + std::to_string(8 * nki::dtype_size(h.dtype))), shape);
  if (!h.data.empty()) std::memcpy(out.mutable_data(), h.data.data(), h.data.size());
  return out;
}

// Converts one Python kernel argument. `what` names it in error messages ("argument 'a'"). NumPy
// arrays and TypedArrays are tensors; anything else is a compile-time value, converted by the
// host (src/pyhost) as kernel code reads it.
nki::ArgValue arg_from_python(py::handle obj, const std::string& what) {
  nki::ArgValue v;
  if (py::isinstance<TypedArray>(obj))
    v.v = obj.cast<const TypedArray&>().host;
  else if (py::isinstance<py::array>(obj))
    v.v = host_array_from_numpy(obj, what);
  else
    v.v = nki::pyhost::host_object(obj);
  return v;
}

std::vector<nki::NamedArg> args_from_python(const py::list& args, const py::dict& kwargs) {
  std::vector<nki::NamedArg> out;
  for (size_t i = 0; i < args.size(); ++i)
    out.push_back({"", arg_from_python(args[i], "argument " + std::to_string(i))});
  for (auto [key, value] : kwargs) {
    std::string name = py::str(key).cast<std::string>();
    out.push_back({name, arg_from_python(value, "argument '" + name + "'")});
  }
  return out;
}

// Compile options whose compile-time print() output goes to the Python callable `print_fn`.
nki::CompileOptions make_options(const std::string& target, const py::object& print_fn,
                                 const py::list& schedule) {
  nki::CompileOptions opts;
  opts.target = target;
  // with_schedule edges: (consumer, producer) or (consumer, [producers]).
  for (py::handle edge : schedule) {
    auto pair = edge.cast<py::tuple>();
    if (pair.size() != 2) throw py::value_error("with_schedule: each edge is a (consumer, producer) pair");
    std::vector<std::string> producers;
    if (py::isinstance<py::str>(pair[1]))
      producers.push_back(pair[1].cast<std::string>());
    else
      for (py::handle p : pair[1]) producers.push_back(py::str(p).cast<std::string>());
    opts.schedule.emplace_back(pair[0].cast<std::string>(), std::move(producers));
  }
  if (!print_fn.is_none()) {
    opts.print = [print_fn](const std::string& text) {
      py::gil_scoped_acquire gil;
      try {
        print_fn(text);
      } catch (py::error_already_set& e) {
        // A failing print target must not unwind through the compiler; report it and go on.
        e.discard_as_unraisable("nki: compile-time print callback");
      }
    };
  }
  return opts;
}

// A kernel compiled for one signature of arguments (shapes, dtypes, compile-time values). The
// Python package caches these and runs them on new data of that signature; `reads` says which
// Python names and source files the compilation depended on.
struct Compiled {
  std::shared_ptr<nki::CompiledKernel> ck;
  size_t num_args = 0;  // positional + keyword arguments it was compiled with
  py::list reads;       // (namespace, name) pairs
  py::dict files;       // path -> mtime_ns
};

// Compiles kernel function `fn` (holding the GIL: the specializer reads Python values as it goes).
Compiled compile(const py::object& fn, const py::list& args, const py::dict& kwargs,
                 const std::string& target, const py::object& print_fn, const py::list& schedule, int lnc,
                 const py::dict& limits) {
  std::vector<nki::NamedArg> named = args_from_python(args, kwargs);
  nki::CompileOptions opts = make_options(target, print_fn, schedule);
  opts.lnc = lnc;
  // nki.jit(max_instructions=..., ...): the compile-time limits (docs/cli.md, "Limits").
  for (auto [key, value] : limits) {
    const std::string k = py::str(key).cast<std::string>();
    const int64_t v = value.cast<int64_t>();
    if (v <= 0)
      throw py::value_error("nki.jit: " + k + " must be a positive integer, got " + std::to_string(v));
    if (k == "max_instructions")
      opts.max_instructions = v;
    else if (k == "max_call_depth")
      opts.max_call_depth = static_cast<int>(std::min<int64_t>(v, INT32_MAX));
    else if (k == "max_compile_steps")
      opts.max_compile_steps = v;
    else if (k == "max_hbm_bytes")
      opts.max_hbm_bytes = v;
    else
      throw py::value_error("nki.jit: unknown limit '" + k + "'");
  }
  Compiled c;
  c.num_args = named.size();
  nki::pyhost::PyHost host(fn);
  c.ck = std::make_shared<nki::CompiledKernel>(nki::compile_kernel(host, named, opts));
  for (const auto& [ns, name] : host.reads().names) c.reads.append(py::make_tuple(ns, name));
  for (const auto& [path, mtime] : host.reads().files) c.files[py::str(path)] = mtime;
  return c;
}

// An array to hand back to Python: NumPy when NumPy has the dtype, else a TypedArray.
py::object to_python(const nki::HostArray& h) {
  if (!numpy_name(h.dtype).empty()) return numpy_from_host_array(h);
  return py::cast(TypedArray{h});
}

// Runs `c` on these arguments (the same signature it was compiled for). Returns a dict:
//   outputs:        list of arrays (NumPy, or TypedArray for dtypes NumPy lacks), return order
//   written_inputs: list of (argument index, array) for the inputs the kernel wrote
//   summary:        the timing summary as JSON text (timing=True), else None
//   summary_text:   the same as the command line prints it (timing=True), else None
//   trace:          the Chrome trace JSON text (trace=True), else None
py::dict run_compiled(const Compiled& c, const py::list& args, const py::dict& kwargs, bool functional,
                      bool timing, bool trace, int64_t max_loop_iterations) {
  std::vector<nki::NamedArg> named = args_from_python(args, kwargs);
  if (named.size() != c.num_args)
    throw py::value_error("nki: this compiled kernel takes " + std::to_string(c.num_args) +
                          " arguments, got " + std::to_string(named.size()));
  nki::RunOptions ro;
  ro.functional = functional;
  ro.timing = timing || trace;
  ro.max_loop_iterations = max_loop_iterations;
  nki::RunResult rr;
  std::string summary, summary_text, trace_text;
  {
    py::gil_scoped_release release;
    rr = nki::run_kernel(*c.ck, named, ro);
    if (rr.timing) {
      const std::vector<nki::profile::CoreRun> cores = nki::core_runs(*c.ck, rr);
      summary = nki::profile::summary_json(cores);
      summary_text = nki::profile::summary_text(cores);
      if (trace) trace_text = nki::profile::trace_json(cores);
    }
  }
  py::dict out;
  py::list outputs, written;
  for (const nki::HostArray& h : rr.outputs) outputs.append(to_python(h));
  for (size_t k = 0; k < rr.written_inputs.size(); ++k)
    written.append(
        py::make_tuple(c.ck->input_arg_index.at(c.ck->written_inputs[k]), to_python(rr.written_inputs[k])));
  out["outputs"] = outputs;
  out["written_inputs"] = written;
  out["summary"] = rr.timing ? py::object(py::str(summary)) : py::object(py::none());
  out["summary_text"] = rr.timing ? py::object(py::str(summary_text)) : py::object(py::none());
  out["trace"] = trace ? py::object(py::str(trace_text)) : py::object(py::none());
  return out;
}

// Raises the exception nki._errors.exception_for chooses for a UserError's class (nki.NkiError
// or a subclass), with .message, .location ("path:line:col" or None) and .error_class set.
void translate_exceptions(std::exception_ptr p) {  // NOLINT(performance-unnecessary-value-param)
  try {
    if (p) std::rethrow_exception(p);
  } catch (const nki::UserError& e) {
    std::string text = e.format();
    while (!text.empty() && text.back() == '\n') text.pop_back();
    py::object location = e.loc().valid() ? py::object(py::str(e.loc().str())) : py::object(py::none());
    py::object exc =
        py::module_::import("nki._errors")
            .attr("exception_for")(nki::error_class_name(e.error_class()), text, e.message(), location);
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
  } catch (const nki::InternalError& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
}

// The names a built-in module of the compiler defines (nki.language, nki.isa, ...): the Python
// package's stand-ins must offer each, since CPython runs the kernel modules that import them.
std::vector<std::string> builtin_names(const std::string& module) {
  nki::Kernel kernel;
  nki::lang::Interp in(nki::get_arch("trn2"), kernel, {});
  auto m = in.builtin_module(module);
  if (!m) throw py::value_error("nki implements no module '" + module + "'");
  std::vector<std::string> out;
  for (const auto& [name, v] : m->attrs) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

PYBIND11_MODULE(_nki, m) {
  m.doc() = "nki extension: compile NKI kernels and run them on the simulated NeuronCore";

  m.attr("NkiError") = py::module_::import("nki._errors").attr("NkiError");
  py::register_exception_translator(&translate_exceptions);

  py::class_<TypedArray>(m, "TypedArray",
                         "An array in an NKI dtype NumPy lacks (e.g. bfloat16); see nki.as_dtype().")
      .def(py::init(&make_typed_array), py::arg("array"), py::arg("dtype"))
      .def_property_readonly("dtype",
                             [](const TypedArray& a) { return std::string(nki::dtype_name(a.host.dtype)); })
      .def_property_readonly("shape",
                             [](const TypedArray& a) {
                               py::tuple t(a.host.shape.size());
                               for (size_t i = 0; i < a.host.shape.size(); ++i) t[i] = a.host.shape[i];
                               return t;
                             })
      .def_static(
          "from_bits", &typed_array_from_bits, py::arg("bits"), py::arg("dtype"),
          "A TypedArray whose elements are these raw bits (an unsigned integer array of the dtype's width).")
      .def(
          "numpy", [](const TypedArray& a) { return numpy_from_host_array(a.host); },
          "The values as a NumPy array (float32 for dtypes NumPy lacks; exact).")
      .def(
          "bits", [](const TypedArray& a) { return bits_of(a.host); },
          "The raw bits as an unsigned integer array of the dtype's width (uint16 for bfloat16).")
      .def(
          "_assign", [](TypedArray& a, const TypedArray& b) { a.host = b.host; },
          "Replaces the contents (the in-place update of an input the kernel wrote).")
      .def("__repr__", [](const TypedArray& a) {
        return "nki.TypedArray(" + std::string(nki::dtype_name(a.host.dtype)) + ", " +
               nki::shape_str(a.host.shape, nki::ShapeForm::Spec) + ")";
      });

  py::class_<Compiled>(m, "Compiled", "A kernel compiled for one argument signature; see nki.Kernel.")
      .def("run", &run_compiled, py::arg("args"), py::arg("kwargs"), py::arg("functional") = true,
           py::arg("timing") = false, py::arg("trace") = false, py::arg("max_loop_iterations") = 0,
           "Simulates the kernel on these arguments; returns a dict (outputs, written_inputs, summary, "
           "summary_text, trace).")
      .def_property_readonly(
          "ir", [](const Compiled& c) { return nki::print_cores(*c.ck); },
          "The NKI IR text of the compiled kernel (every core's, for LNC2).")
      .def_property_readonly("output_names", [](const Compiled& c) { return c.ck->output_names; })
      .def_readonly("reads", &Compiled::reads, "(namespace, name) pairs the compilation read from Python")
      .def_readonly("files", &Compiled::files, "source files the compilation parsed: path -> st_mtime_ns")
      .def_property_readonly("output_dtypes", [](const Compiled& c) {
        std::vector<std::string> out;
        for (const nki::Storage* s : c.ck->kernel->outputs) out.emplace_back(nki::dtype_name(s->dtype));
        return out;
      });
  m.def("builtin_names", &builtin_names, py::arg("module"),
        "The names built-in module `module` of the compiler defines (e.g. 'nki.language').");
  m.def(
      "compile", &compile, py::arg("fn"), py::arg("args"), py::arg("kwargs"), py::arg("target") = "trn2",
      py::arg("print_fn") = py::none(), py::arg("schedule") = py::list(), py::arg("lnc") = 1,
      py::arg("limits") = py::dict(),
      "Compiles kernel function `fn` (a Python function) for these arguments (only their shapes, dtypes and "
      "compile-time values matter) on `target` with `lnc` NeuronCores (kernel[lnc]) and the compile-time "
      "`limits` (max_instructions, max_call_depth, max_compile_steps, max_hbm_bytes); returns a Compiled.");
}

// The _nki Python extension: the thin layer between the `nki` Python package and the driver
// (src/driver/driver.h), the same entry point the `nki` command uses. It converts Python values
// to kernel arguments (NumPy arrays become HBM tensors, scalars/strings/tuples stay compile-time
// values), runs compile + simulate with the GIL released, and converts outputs back to NumPy.
// A nki::UserError becomes nki.NkiError, whose str() is the full "file:line:col: error: ..."
// diagnostic; an internal error becomes RuntimeError.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "driver/driver.h"
#include "ir/kernel.h"
#include "support/diagnostics.h"
#include "support/dtype.h"
#include "support/npy.h"

namespace py = pybind11;

namespace {

// The Python type of nki.NkiError. Owned for the life of the process (never released, so it
// outlives interpreter shutdown ordering).
PyObject* g_nki_error = nullptr;

// A host array whose dtype NumPy cannot express (bfloat16, tfloat32, fp8), built by rounding a
// float32 array exactly as a hardware write would. Created from Python by nki.as_dtype().
struct TypedArray {
  nki::HostArray host;
};

// The NumPy dtype name for `t`, or "" when NumPy has none.
std::string numpy_name(nki::DType t) {
  switch (t) {
#define X(e, name, size, np) \
  case nki::DType::e:        \
    return np;
    NKI_DTYPES(X)
#undef X
  }
  return "";
}

// Every nki dtype, in table order.
constexpr nki::DType all_dtypes[] = {
#define X(e, name, size, np) nki::DType::e,
    NKI_DTYPES(X)
#undef X
};

// The nki dtype of a NumPy dtype name, or nullopt. Besides NumPy's own types this accepts the
// ml_dtypes extension types whose bit layout is unambiguous (bfloat16 and the OCP fp8 types).
std::optional<nki::DType> dtype_from_numpy(const std::string& name) {
  for (nki::DType t : all_dtypes) {
    if (!numpy_name(t).empty() && numpy_name(t) == name) return t;
  }
  if (name == "bfloat16") return nki::DType::bfloat16;
  if (name == "float8_e5m2") return nki::DType::float8_e5m2;
  if (name == "float8_e4m3fn") return nki::DType::float8_e4m3fn;
  return std::nullopt;
}

std::string supported_numpy_dtypes() {
  std::string out;
  for (nki::DType t : all_dtypes) {
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

// Converts an output to NumPy; dtypes without a NumPy equivalent come back as float32 (exact).
py::array numpy_from_host_array(const nki::HostArray& h) {
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

// Converts one Python kernel argument. `what` names it in error messages ("argument 'a'").
nki::ArgValue arg_from_python(py::handle obj, const std::string& what) {
  py::module_ np = numpy();
  nki::ArgValue v;
  if (obj.is_none()) {
    v.v = nki::ArgValue::None{};
  } else if (py::isinstance<TypedArray>(obj)) {
    v.v = obj.cast<const TypedArray&>().host;
  } else if (py::isinstance<py::bool_>(obj) || py::isinstance(obj, np.attr("bool_"))) {
    v.v = obj.cast<bool>();
  } else if (py::isinstance<py::int_>(obj) || py::isinstance(obj, np.attr("integer"))) {
    try {
      v.v = py::int_(py::reinterpret_borrow<py::object>(obj)).cast<int64_t>();
    } catch (const py::cast_error&) {
      throw py::value_error(what + ": integer " + py::str(obj).cast<std::string>() +
                            " does not fit in 64 bits");
    }
  } else if (py::isinstance<py::float_>(obj) || py::isinstance(obj, np.attr("floating"))) {
    v.v = py::float_(py::reinterpret_borrow<py::object>(obj)).cast<double>();
  } else if (py::isinstance<py::str>(obj)) {
    v.v = obj.cast<std::string>();
  } else if (py::isinstance<py::tuple>(obj) || py::isinstance<py::list>(obj)) {
    std::vector<nki::ArgValue> items;
    size_t i = 0;
    for (py::handle item : obj)
      items.push_back(arg_from_python(item, what + "[" + std::to_string(i++) + "]"));
    v.v = std::move(items);
    v.is_tuple = py::isinstance<py::tuple>(obj);
  } else if (py::isinstance<py::array>(obj)) {
    v.v = host_array_from_numpy(obj, what);
  } else if (py::hasattr(obj, "__nki_ref__")) {
    // A function, enum member, NKIObject instance or nl/nisa name, described by nki._ref.Ref.
    nki::ArgValue::Ref r;
    r.kind = obj.attr("kind").cast<std::string>();
    r.file = obj.attr("file").cast<std::string>();
    r.qualname = obj.attr("qualname").cast<std::string>();
    for (auto item : obj.attr("fields").cast<py::dict>()) {
      r.field_names.push_back(py::str(item.first).cast<std::string>());
      r.field_values.push_back(arg_from_python(item.second, what + "." + r.field_names.back()));
    }
    v.v = std::move(r);
  } else {
    std::string type = py::str(py::type::handle_of(obj).attr("__name__")).cast<std::string>();
    throw py::type_error(what + ": values of type " + type +
                         " cannot be passed to a kernel (use NumPy arrays for tensors and "
                         "None/bool/int/float/str/tuple, functions, enums and nl.NKIObject "
                         "instances for compile-time values)");
  }
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
nki::CompileOptions make_options(const std::string& target, const py::object& print_fn, const py::list& schedule) {
  nki::CompileOptions opts;
  opts.target = target;
  // with_schedule edges: (consumer, producer) or (consumer, [producers]).
  for (py::handle edge : schedule) {
    auto pair = edge.cast<py::tuple>();
    if (pair.size() != 2) throw py::value_error("with_schedule: each edge is a (consumer, producer) pair");
    std::vector<std::string> producers;
    if (py::isinstance<py::str>(pair[1])) producers.push_back(pair[1].cast<std::string>());
    else for (py::handle p : pair[1]) producers.push_back(py::str(p).cast<std::string>());
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

py::list compile_and_run(const std::string& path, const std::string& fn, const py::list& args,
                         const py::dict& kwargs, const std::string& target, const py::object& print_fn,
                         const py::list& schedule, int lnc) {
  std::vector<nki::NamedArg> named = args_from_python(args, kwargs);
  nki::CompileOptions opts = make_options(target, print_fn, schedule);
  opts.lnc = lnc;
  std::vector<nki::HostArray> outputs;
  {
    py::gil_scoped_release release;
    nki::CompiledKernel ck = nki::compile_kernel(path, fn, named, opts);
    outputs = nki::run_kernel(ck, named, target);
  }
  py::list result;
  for (const nki::HostArray& h : outputs) result.append(numpy_from_host_array(h));
  return result;
}

std::string compile_ir(const std::string& path, const std::string& fn, const py::list& args,
                       const py::dict& kwargs, const std::string& target, const py::object& print_fn,
                       const py::list& schedule, int lnc) {
  std::vector<nki::NamedArg> named = args_from_python(args, kwargs);
  nki::CompileOptions opts = make_options(target, print_fn, schedule);
  opts.lnc = lnc;
  py::gil_scoped_release release;
  nki::CompiledKernel ck = nki::compile_kernel(path, fn, named, opts);
  return nki::print_cores(ck);
}

// Raises nki.NkiError for a UserError, with .message and .location ("path:line:col" or None).
void translate_exceptions(std::exception_ptr p) {  // NOLINT(performance-unnecessary-value-param)
  try {
    if (p) std::rethrow_exception(p);
  } catch (const nki::UserError& e) {
    std::string text = e.format();
    while (!text.empty() && text.back() == '\n') text.pop_back();
    py::object exc = py::reinterpret_borrow<py::object>(g_nki_error)(text);
    exc.attr("message") = e.message();
    exc.attr("location") = e.loc().valid() ? py::object(py::str(e.loc().str())) : py::object(py::none());
    PyErr_SetObject(g_nki_error, exc.ptr());
  } catch (const nki::InternalError& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
}

}  // namespace

PYBIND11_MODULE(_nki, m) {
  m.doc() = "nki extension: compile NKI kernels and run them on the simulated NeuronCore";

  g_nki_error = PyErr_NewExceptionWithDoc(
      "nki.NkiError",
      "A problem in a kernel or its arguments. str() is the full diagnostic: "
      "'file:line:col: error: message', the source line and a caret. Attributes: message, location.",
      PyExc_Exception, nullptr);
  if (!g_nki_error) throw py::error_already_set();
  m.attr("NkiError") = py::reinterpret_borrow<py::object>(g_nki_error);
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
      .def(
          "numpy", [](const TypedArray& a) { return numpy_from_host_array(a.host); },
          "The values as a NumPy array (float32 for dtypes NumPy lacks; exact).")
      .def("__repr__", [](const TypedArray& a) {
        return "nki.TypedArray(" + std::string(nki::dtype_name(a.host.dtype)) + ", " + a.host.shape_str() +
               ")";
      });

  m.def("compile_and_run", &compile_and_run, py::arg("path"), py::arg("fn"), py::arg("args"),
        py::arg("kwargs"), py::arg("target") = "trn2", py::arg("print_fn") = py::none(),
        py::arg("schedule") = py::list(), py::arg("lnc") = 1,
        "Compiles function `fn` of kernel file `path` for these arguments, simulates it on `target` "
        "with `lnc` NeuronCores (kernel[lnc]) and returns its outputs as a list of NumPy arrays, in "
        "return order.");
  m.def("compile_ir", &compile_ir, py::arg("path"), py::arg("fn"), py::arg("args"), py::arg("kwargs"),
        py::arg("target") = "trn2", py::arg("print_fn") = py::none(), py::arg("schedule") = py::list(),
        py::arg("lnc") = 1,
        "Compiles like compile_and_run and returns the NKI IR as text instead of running it (every "
        "core's, for lnc=2).");
}

"""nki: run NKI kernels from Python on the simulated NeuronCore.

    import nki, nki.language as nl, nki.isa as nisa

    @nki.jit
    def add(a, b): ...                 # an NKI kernel, in a .py file

    y = add(a, b)                      # NumPy in, NumPy out: compiled by nki, then simulated
    y = nki.simulate(add)(a, b)        # the same, explicitly
    r = nki.benchmark(add)(a, b)       # ... plus the timing model's estimate (r.device_time_us)
    r = nki.profile(add, trace="t.json")(a, b)   # ... plus a Chrome trace

The kernel function is handed to the nki compiler (the C++ extension _nki), which compiles its
body from source; Python never executes the kernel body. Every global, closure variable or
compile-time argument the body reads is the value Python holds (docs/python.md). Tensor arguments are NumPy arrays (float32,
float16, int8/16/32, uint8/16/32, bool; bfloat16/fp8 as described in docs/python.md) or CPU
torch.Tensors (then the results are torch.Tensors too); other arguments (None, bool, int, float,
str, tuples, enums, nl.NKIObject instances, functions) are compile-time values. A compiled kernel
is cached on the argument shapes, dtypes and compile-time values; inputs the kernel writes are
updated in place, as on the device. Errors are nki.NkiError subclasses (see nki._errors).

The target is trn2 unless NEURON_PLATFORM_TARGET_OVERRIDE says trn1/trn2/trn3 (or gen2/3/4).
"""

import collections
import functools
import inspect
import json
import os
import sys



class _LazyNumpy:
    """numpy, imported on first use: `import nki` (which every kernel file does, also in the `nki`
    command's embedded interpreter) stays cheap for kernels that never touch NumPy."""

    def __getattr__(self, name):
        import numpy
        return getattr(numpy, name)


np = _LazyNumpy()
from nki import collectives, compiler, isa, language, typing
from nki._errors import (NkiAssertionError, NkiError, NkiRuntimeError, NkiSyntaxError, NkiTypeError,
                         NkiValidationError)
from nki import _host
from nki._symbols import KernelOnlyError
from nki._torch import nki_op

__all__ = ["jit", "simulate", "benchmark", "profile", "Kernel", "BenchmarkResult", "as_dtype", "from_bits",
           "to_bits", "target", "cache_info", "clear_cache", "nki_op", "NkiError", "NkiSyntaxError",
           "NkiTypeError", "NkiAssertionError", "NkiValidationError", "NkiRuntimeError", "KernelOnlyError",
           "language", "isa", "collectives", "typing", "compiler"]

_TARGETS = {"trn1": "trn1", "inf2": "trn1", "gen2": "trn1",
            "trn2": "trn2", "gen3": "trn2",
            "trn3": "trn3", "gen4": "trn3"}


def _extension():
    try:
        from nki import _nki
    except ImportError as e:
        raise ImportError(
            "nki: the compiled extension nki._nki is missing; build it with `make build` "
            f"(it is written into python/nki/) ({e})") from e
    return _nki


def __getattr__(name):
    # TypedArray lives in the extension; load it only when it is asked for.
    if name == "TypedArray":
        return _extension().TypedArray
    raise AttributeError(f"module 'nki' has no attribute '{name}'")


def target():
    """The simulated target: NEURON_PLATFORM_TARGET_OVERRIDE mapped to trn1/trn2/trn3, else trn2."""
    value = os.environ.get("NEURON_PLATFORM_TARGET_OVERRIDE", "").strip().lower()
    if not value:
        return "trn2"
    if value not in _TARGETS:
        raise ValueError(f"NEURON_PLATFORM_TARGET_OVERRIDE={value!r} is not a known target "
                         f"(use one of {', '.join(_TARGETS)})")
    return _TARGETS[value]


# --- dtypes NumPy lacks ---------------------------------------------------------------------------

def as_dtype(array, dtype):
    """`array` (array-like) as a kernel input of NKI dtype `dtype` (e.g. nl.bfloat16), rounded to
    nearest even as a hardware write would round. `.numpy()` gives the rounded values back."""
    return _extension().TypedArray(array, str(dtype))


def from_bits(bits, dtype):
    """A kernel input of NKI dtype `dtype` whose elements are the raw bits in `bits`: a uint16
    array for bfloat16/float16, uint8 for the fp8 types, uint32 for tfloat32."""
    return _extension().TypedArray.from_bits(np.asarray(bits), str(dtype))


def to_bits(array, dtype):
    """The raw bits of `array` rounded to NKI dtype `dtype` (uint16 for bfloat16, uint8 for fp8):
    the inverse of from_bits. `array` may be values (rounded as the hardware does) or a TypedArray."""
    t = array if isinstance(array, _extension().TypedArray) else as_dtype(array, dtype)
    return t.bits()


def _ml_dtypes():
    try:
        import ml_dtypes
    except ImportError:
        return None
    return ml_dtypes


def _to_user_array(value):
    """An array from the extension as the user gets it: NumPy as is; a dtype NumPy lacks as the
    ml_dtypes array of that dtype when ml_dtypes is installed, else float32 (exact)."""
    if isinstance(value, np.ndarray):
        return value
    ml = _ml_dtypes()
    name = value.dtype
    if ml is not None and hasattr(ml, name):
        return value.numpy().astype(getattr(ml, name))
    return value.numpy()


# --- PyTorch tensors ------------------------------------------------------------------------------

def _torch():
    return sys.modules.get("torch")  # only tensors of an already imported torch can be arguments


def _is_torch_tensor(value):
    torch = _torch()
    return torch is not None and isinstance(value, torch.Tensor)


def _from_torch(t, what):
    torch = _torch()
    if t.device.type != "cpu":
        raise TypeError(f"{what}: torch tensors must be on the CPU (got device {t.device})")
    t = t.detach().contiguous()
    if t.dtype == torch.bfloat16:
        return from_bits(t.view(torch.int16).numpy().view(np.uint16), "bfloat16")
    return t.numpy()


def _to_torch(array, like_bfloat16=False):
    torch = _torch()
    out = torch.from_numpy(np.ascontiguousarray(array))
    return out.to(torch.bfloat16) if like_bfloat16 else out


# --- the compile cache ----------------------------------------------------------------------------

_CACHE = collections.OrderedDict()
_CACHE_SIZE = 256
_STATS = {"hits": 0, "misses": 0}


def cache_info():
    """{'hits', 'misses', 'size'} of the compile cache shared by all kernels of this process."""
    return dict(_STATS, size=len(_CACHE))


def clear_cache():
    """Empties the compile cache (the next call of each kernel compiles again)."""
    _CACHE.clear()
    _STATS.update(hits=0, misses=0)


def _signature(value):
    """The part of an argument a compiled kernel depends on: shape and dtype of a tensor, the
    fingerprint of a compile-time value (its content; 1, 1.0 and True differ)."""
    if isinstance(value, np.ndarray):
        return ("array", str(value.dtype), value.shape)
    if isinstance(value, _extension().TypedArray):
        return ("typed", value.dtype, value.shape)
    return _host.fingerprint(value)


def _still_valid(entry):
    """Whether a cached compilation still holds: the files it parsed and the names it read."""
    _, reads, files = entry
    for path, mtime in files.items():
        try:
            if os.stat(path).st_mtime_ns != mtime:
                return False
        except OSError:
            return False
    return all(_host.fingerprint(_host.read(namespace, name)) == fp for namespace, name, fp in reads)


# --- kernels --------------------------------------------------------------------------------------

class Kernel:
    """A kernel function prepared for nki: call it with NumPy arrays (or CPU torch tensors) to
    compile and simulate it.

    kernel[2] launches it on two NeuronCores (LNC2, trn2/trn3): it is specialized once per core,
    with nl.program_id(0) = 0 and 1 and nl.num_programs() = 2; kernel[1] is the default.
    """

    def __init__(self, fn, options=None, lnc=1, schedule=()):
        fn = fn.fn if isinstance(fn, Kernel) else fn
        if not inspect.isfunction(fn):
            raise TypeError(f"nki.jit expects a function, got {type(fn).__name__}")
        functools.update_wrapper(self, fn)
        self.fn = fn
        self.options = dict(options or {})
        self.lnc = lnc
        self.schedule = list(schedule)

    def __getitem__(self, grid):
        if isinstance(grid, tuple) and len(grid) == 1:
            grid = grid[0]
        if isinstance(grid, bool) or not isinstance(grid, int):
            raise TypeError(f"{self.__name__}[...] takes one integer, the logical core count "
                            f"(1 or 2), not {grid!r}: SPMD launch grids are not part of NKI 0.3+")
        if grid not in (1, 2):
            raise ValueError(f"{self.__name__}[{grid}]: the logical core count must be 1 or 2")
        return Kernel(self.fn, self.options, lnc=grid, schedule=self.schedule)

    def with_schedule(self, edges):
        """This kernel with extra ordering edges between named instructions: each edge is
        (consumer_name, producer_name) or (consumer_name, [producer_names]); every instruction
        named consumer waits for every earlier one named producer (name them with name=)."""
        edges = [tuple(e) for e in edges]
        for e in edges:
            if len(e) != 2 or not isinstance(e[0], str):
                raise TypeError(f"with_schedule: an edge is (consumer_name, producer_name(s)), not {e!r}")
        return Kernel(self.fn, self.options, lnc=self.lnc, schedule=self.schedule + edges)

    def _call_args(self, args, kwargs):
        """(positional, keyword) arguments as the extension takes them (torch tensors as NumPy
        arrays or TypedArrays; everything else as given), and whether any was a torch tensor
        (then the results are torch tensors)."""
        uses_torch = False

        def convert(value, what):
            nonlocal uses_torch
            if _is_torch_tensor(value):
                uses_torch = True
                return _from_torch(value, what)
            return value

        pos = [convert(a, f"argument {i}") for i, a in enumerate(args)]
        kw = {k: convert(v, f"argument '{k}'") for k, v in kwargs.items()}
        return pos, kw, uses_torch

    def _compiled(self, pos, kw):
        """The compiled kernel for these arguments, from the cache or compiled now. A cached one
        is used while every source file it parsed is unchanged and every Python name it read
        (globals, class attributes, closure cells) still has the same value."""
        platform = self.options.get("platform_target")
        tgt = _TARGETS[str(platform).lower()] if platform is not None else target()
        key = (self.fn, tgt, self.lnc, repr(self.schedule), repr(sorted(self.options.items())),
               tuple(_signature(a) for a in pos), tuple((k, _signature(v)) for k, v in kw.items()))
        entry = _CACHE.get(key)
        if entry is not None and _still_valid(entry):
            _STATS["hits"] += 1
            _CACHE.move_to_end(key)
            return entry[0]
        _STATS["misses"] += 1
        limits = {k: self.options[k] for k in _COMPILE_LIMITS if k in self.options}
        compiled = _extension().compile(self.fn, pos, kw, tgt, _print_to_stdout, self.schedule, self.lnc, limits)
        reads = {}
        for namespace, name in compiled.reads:
            reads.setdefault((id(namespace), name), (namespace, name, _host.fingerprint(_host.read(namespace, name))))
        _CACHE[key] = (compiled, list(reads.values()), dict(compiled.files))
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
        return compiled

    def _run(self, args, kwargs, functional=True, timing=False, trace=False):
        """Compiles (or takes from the cache) and runs; updates written inputs in place. Returns
        (the kernel's result as the caller gets it, the extension's run record)."""
        pos, kw, uses_torch = self._call_args(args, kwargs)
        compiled = self._compiled(pos, kw)
        record = compiled.run(pos, kw, functional=functional, timing=timing, trace=trace,
                              max_loop_iterations=self.options.get("max_loop_iterations", 0))
        originals = list(args) + list(kwargs.values())
        names = [f"argument {i}" for i in range(len(args))] + [f"argument '{k}'" for k in kwargs]
        for index, value in record["written_inputs"]:
            _write_back(originals[index], value, names[index])
        outputs = []
        for value, dtype in zip(record["outputs"], compiled.output_dtypes):
            if uses_torch:
                array = value if isinstance(value, np.ndarray) else value.numpy()
                outputs.append(_to_torch(array, like_bfloat16=(dtype == "bfloat16")))
            else:
                outputs.append(_to_user_array(value))
        if not outputs:
            result = None
        else:
            result = outputs[0] if len(outputs) == 1 else tuple(outputs)
        return result, record

    def __call__(self, *args, **kwargs):
        return self._run(args, kwargs)[0]

    def compile_ir(self, *args, **kwargs):
        """The NKI IR text of this kernel specialized for these arguments (nothing is run)."""
        pos, kw, _ = self._call_args(args, kwargs)
        return self._compiled(pos, kw).ir

    def __repr__(self):
        return f"<nki kernel {self.__name__}>"


def _write_back(original, value, what):
    """Copies the final contents of an input the kernel wrote into the caller's object."""
    ext = _extension()
    if isinstance(original, ext.TypedArray):
        original._assign(value if isinstance(value, ext.TypedArray) else ext.TypedArray(value, original.dtype))
        return
    array = value if isinstance(value, np.ndarray) else value.numpy()
    if _is_torch_tensor(original):
        original.detach().copy_(_to_torch(array))
        return
    if not original.flags.writeable:
        raise ValueError(f"{what}: the kernel writes this input, but the NumPy array is read-only; "
                         "pass a writeable array (e.g. a .copy())")
    np.copyto(original, array.astype(original.dtype, copy=False), casting="unsafe")


def _print_to_stdout(text):
    # Looked up at each call, so redirected or captured sys.stdout receives compile-time prints.
    sys.stdout.write(text)


# nki.jit options that set the limits that keep nki bounded (docs/cli.md, "Limits"): the
# compile-time ones go to the compiler, max_loop_iterations to the simulator.
_COMPILE_LIMITS = ("max_instructions", "max_call_depth", "max_compile_steps", "max_hbm_bytes")
_LIMITS = _COMPILE_LIMITS + ("max_loop_iterations",)


def jit(fn=None, **options):
    """Makes a kernel: `@nki.jit`, `@nki.jit()`, `@nki.jit(**options)` or `nki.jit(fn)`.

    Options are kept in kernel.options. `platform_target="trn1"` (or trn2, trn3, gen2...) compiles
    this kernel for that target instead of nki.target(), as library kernels use it.
    `max_instructions`, `max_call_depth`, `max_compile_steps`, `max_hbm_bytes` and
    `max_loop_iterations` (positive ints) set nki's limits, as the command's --max-* flags do; the
    others (`mode`, `debug_kernel`, `show_compiler_tb`, ...) are accepted and have no effect here."""
    for name in _LIMITS:
        value = options.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
            raise ValueError(f"nki.jit: {name} must be a positive int, got {value!r}")
    platform = options.get("platform_target")
    if platform is not None and str(platform).lower() not in _TARGETS:
        raise ValueError(f"nki.jit: platform_target={platform!r} is not a known target "
                         f"(use one of {', '.join(_TARGETS)})")
    if fn is None:
        return lambda f: Kernel(f, options)
    return Kernel(fn, options)


def _as_kernel(kernel):
    return kernel if isinstance(kernel, Kernel) else Kernel(kernel)


def simulate(kernel):
    """A callable running `kernel` (an nki.jit kernel or a plain kernel function) on the simulator."""
    k = _as_kernel(kernel)

    @functools.wraps(k.fn)
    def run(*args, **kwargs):
        return k(*args, **kwargs)

    return run


# --- timing ---------------------------------------------------------------------------------------

class BenchmarkResult:
    """The timing model's view of one kernel call (the data of `nki run --json`):

    device_time_us   estimated device time in microseconds
    busy_percent     {engine or DMA queue: busy % of the device time} ('tensor', 'vector', 'scalar',
                     'gpsimd', 'sync', 'dma_engines', 'dma.q0', ...)
    mfu_percent      matmul FLOPs against the target's peak, in %
    matmul_flops, peak_tflops, matmul_dtype, hbm_bytes, hbm_gb_per_s, act_table_loads, target
    top_lines        [{'source': 'file.py:12', 'busy_us': ..., 'instructions': n}, ...]
    summary          the text summary `nki run` prints (also str(result))
    outputs          the kernel's result (None with timing_only=True)
    trace_path       where nki.profile wrote the Chrome trace (None for nki.benchmark)
    """

    def __init__(self, summary, summary_text, outputs, trace_path=None):
        self.data = json.loads(summary)
        self.summary = summary_text
        self.outputs = outputs
        self.trace_path = trace_path
        for key, value in self.data.items():
            setattr(self, key, value)

    def __str__(self):
        return self.summary

    def __repr__(self):
        return f"<nki.BenchmarkResult {self.device_time_us:.3f} us on {self.target}>"


def benchmark(kernel, timing_only=False):
    """A callable that runs `kernel` like a call (outputs, in-place updates) and returns a
    BenchmarkResult with the timing model's estimate. timing_only=True skips computing the
    numbers (fast for large problems; outputs are then None and no input is updated).

    This is nki's own API: NKI 0.2+ has no nki.benchmark (it measures on a device)."""
    k = _as_kernel(kernel)

    @functools.wraps(k.fn)
    def run(*args, **kwargs):
        result, record = k._run(args, kwargs, functional=not timing_only, timing=True)
        return BenchmarkResult(record["summary"], record["summary_text"], result)

    return run


def profile(kernel, trace="profile.json", timing_only=False):
    """Like benchmark, and writes the run's timeline to `trace` as Chrome trace-event JSON (open it
    in ui.perfetto.dev or chrome://tracing), as `nki run --profile` does. nki's own API."""
    k = _as_kernel(kernel)
    path = os.fspath(trace)

    @functools.wraps(k.fn)
    def run(*args, **kwargs):
        result, record = k._run(args, kwargs, functional=not timing_only, timing=True, trace=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(record["trace"])
        return BenchmarkResult(record["summary"], record["summary_text"], result, trace_path=os.path.abspath(path))

    return run

"""nki: run NKI kernels from Python on the simulated NeuronCore.

    import nki, nki.language as nl, nki.isa as nisa

    @nki.jit
    def add(a, b): ...                 # an NKI kernel, in a .py file

    y = add(a, b)                      # NumPy in, NumPy out: compiled by nki, then simulated
    y = nki.simulate(add)(a, b)        # the same, explicitly

The kernel's source file and function name are handed to the nki compiler (the C++ extension
_nki); Python never executes the kernel body. Tensor arguments are NumPy arrays (float32,
float16, int8/16/32, uint8/16/32, bool); other arguments (None, bool, int, float, str, tuples)
are compile-time values. NumPy has no bfloat16: pass nki.as_dtype(x, nl.bfloat16) for a bf16
input; bf16 (and other NumPy-less) outputs come back as float32 arrays, which is exact.

The target is trn2 unless NEURON_PLATFORM_TARGET_OVERRIDE says trn1/trn2/trn3 (or gen2/3/4).
"""

import functools
import inspect
import os
import sys

from nki import isa, language
from nki._ref import to_compile_time
from nki._symbols import KernelOnlyError

__all__ = ["jit", "simulate", "Kernel", "as_dtype", "NkiError", "KernelOnlyError", "language", "isa"]

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
    # NkiError and TypedArray live in the extension; load it only when they are asked for.
    if name in ("NkiError", "TypedArray"):
        return getattr(_extension(), name)
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


def as_dtype(array, dtype):
    """`array` (array-like) as a kernel input of NKI dtype `dtype` (e.g. nl.bfloat16), rounded to
    nearest even as a hardware write would round. `.numpy()` gives the rounded values back."""
    return _extension().TypedArray(array, str(dtype))


class Kernel:
    """A kernel function prepared for nki: call it with NumPy arrays to compile and simulate it.

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

    def _source(self):
        fn = inspect.unwrap(self.fn)
        if fn.__qualname__ != fn.__name__:
            raise TypeError(f"kernel {fn.__qualname__}: nki compiles module-level functions only "
                            "(define the kernel at the top level of its file)")
        path = inspect.getsourcefile(fn)
        if path is None or not os.path.isfile(path):
            raise TypeError(f"kernel {fn.__name__}: its source file cannot be found; nki compiles "
                            "kernels from .py files (not from an interactive session)")
        return os.path.abspath(path), fn.__name__

    def _call_args(self, args, kwargs):
        return ([to_compile_time(a, f"argument {i}") for i, a in enumerate(args)],
                {k: to_compile_time(v, f"argument '{k}'") for k, v in kwargs.items()})

    def __call__(self, *args, **kwargs):
        path, name = self._source()
        pos, kw = self._call_args(args, kwargs)
        outputs = _extension().compile_and_run(path, name, pos, kw, target(), _print_to_stdout, self.schedule,
                                               self.lnc)
        if not outputs:
            return None
        return outputs[0] if len(outputs) == 1 else tuple(outputs)

    def compile_ir(self, *args, **kwargs):
        """The NKI IR text of this kernel specialized for these arguments (nothing is run)."""
        path, name = self._source()
        pos, kw = self._call_args(args, kwargs)
        return _extension().compile_ir(path, name, pos, kw, target(), _print_to_stdout, self.schedule, self.lnc)

    def __repr__(self):
        return f"<nki kernel {self.__name__}>"



def _print_to_stdout(text):
    # Looked up at each call, so redirected or captured sys.stdout receives compile-time prints.
    sys.stdout.write(text)


_JIT_OPTIONS_REMOVED = {"platform_target": "set NEURON_PLATFORM_TARGET_OVERRIDE instead"}


def jit(fn=None, **options):
    """Makes a kernel: `@nki.jit`, `@nki.jit()`, `@nki.jit(**options)` or `nki.jit(fn)`.

    Options are kept in kernel.options; `mode` is accepted and ignored, as in NKI 0.3+."""
    for name, hint in _JIT_OPTIONS_REMOVED.items():
        if name in options:
            raise TypeError(f"nki.jit: option {name}= is not supported; {hint}")
    if fn is None:
        return lambda f: Kernel(f, options)
    return Kernel(fn, options)


def simulate(kernel):
    """A callable running `kernel` (an nki.jit kernel or a plain kernel function) on the simulator."""
    k = kernel if isinstance(kernel, Kernel) else Kernel(kernel)

    @functools.wraps(k.fn)
    def run(*args, **kwargs):
        return k(*args, **kwargs)

    return run

"""Host-side stand-ins for the names of nki.language and nki.isa.

Kernel bodies are compiled by nki (the C++ specializer), never executed by Python. But Python does
execute a kernel *module* when it is imported: decorators, default arguments, module-level
constants and classes. So every name a kernel module may touch at import time exists here as a
small object -- a dtype, a buffer, an operator -- and every function raises KernelOnlyError when
called from plain Python, naming the function and saying how to run a kernel.
"""


class KernelOnlyError(RuntimeError):
    """An nki.language / nki.isa function was called outside a kernel."""


def _fail(qualname):
    raise KernelOnlyError(
        f"{qualname}() can only be used inside a kernel run by nki.jit or nki.simulate "
        f"(nki compiles the kernel body itself; it is not executed by Python)")


class _Named:
    """A named constant, shown as `module.name`; equal to its name as a string."""

    __slots__ = ("name", "_module")

    def __init__(self, module, name):
        self._module = module
        self.name = name

    def __repr__(self):
        return f"{self._module}.{self.name}"

    def __str__(self):
        return self.name

    def __eq__(self, other):
        if isinstance(other, _Named):
            return type(self) is type(other) and self.name == other.name
        return isinstance(other, str) and other == self.name

    def __hash__(self):
        return hash(self.name)


class DType(_Named):
    """A tensor element type (nl.float32, nl.bfloat16, ...)."""

    __slots__ = ()


class Buffer(_Named):
    """A memory: nl.sbuf, nl.psum, nl.hbm, nl.private_hbm, nl.shared_hbm."""

    __slots__ = ()


class Op(_Named):
    """An operator or activation function (nl.add, nl.exp, ...): usable as `op=` of an ISA call,
    and callable as an nl convenience op inside a kernel."""

    __slots__ = ()

    def __call__(self, *args, **kwargs):
        _fail(repr(self))


def kernel_only(module, name):
    """A function that exists for import-time name lookups and fails when called from Python."""

    def function(*args, **kwargs):
        _fail(f"{module}.{name}")

    function.__name__ = name
    function.__qualname__ = name
    function.__nki_builtin__ = f"{module}.{name}"  # the compiler's object (nki._host.builtin_path)
    function.__doc__ = f"{module}.{name}: available inside kernels compiled by nki only."
    return function


def kernel_only_class(module, name):
    """A class that exists for import-time name lookups (annotations, isinstance) and fails when
    instantiated from Python: its values exist only inside a kernel."""

    def __new__(cls, *args, **kwargs):
        _fail(f"{module}.{name}")

    return type(name, (), {"__new__": __new__, "__module__": "nki._symbols", "__nki_builtin__": f"{module}.{name}",
                           "__doc__": f"{module}.{name}: values exist inside kernels compiled by nki only."})


def define(namespace, module, names, factory):
    """Binds each of `names` in `namespace` to factory(module, name)."""
    for name in names:
        namespace[name] = factory(module, name)

"""Compile-time kernel arguments that are Python objects: functions, enum members, nl.NKIObject
instances and nki.language / nki.isa names. nki compiles kernels from their source, so such an
object travels as a reference the compiler resolves in the same source: the file and qualified
name of its definition, and for an NKIObject instance its fields (its __dict__, copied)."""

import enum
import inspect
import os

from nki._symbols import Buffer, DType, Op


class Ref:
    __nki_ref__ = True
    __slots__ = ("kind", "file", "qualname", "fields")

    def __init__(self, kind, file="", qualname="", fields=None):
        self.kind = kind
        self.file = file
        self.qualname = qualname
        self.fields = fields or {}

    def __repr__(self):
        return f"Ref({self.kind}, {self.file!r}, {self.qualname!r})"


def _source_file(obj, what):
    try:
        path = inspect.getsourcefile(obj)
    except TypeError:
        path = None
    if not path or not os.path.isfile(path):
        raise TypeError(f"{what}: nki compiles from source, and the source file of {obj!r} cannot be found")
    return os.path.abspath(path)


def _is_nkiobject(value):
    from nki.language import NKIObject
    return isinstance(value, NKIObject)


def to_compile_time(value, what="argument"):
    """`value` as the extension accepts it: plain data as is, objects as Refs."""
    from nki import isa
    if isinstance(value, (DType, Buffer, Op)):
        return Ref("nl", qualname=value.name)
    if isinstance(value, enum.Enum):
        cls = type(value)
        if cls.__module__.startswith(isa.__name__):  # nki.isa, nki.isa.constants
            return Ref("nisa", qualname=f"{cls.__name__}.{value.name}")
        return Ref("enum", _source_file(cls, what), f"{cls.__qualname__}.{value.name}")
    if inspect.isfunction(value):
        fn = inspect.unwrap(value)
        return Ref("function", _source_file(fn, what), fn.__qualname__)
    if hasattr(value, "fn") and inspect.isfunction(getattr(value, "fn")) and type(value).__name__ == "Kernel":
        return to_compile_time(value.fn, what)
    if _is_nkiobject(value):
        cls = type(value)
        fields = {k: to_compile_time(v, f"{what}.{k}") for k, v in vars(value).items()}
        return Ref("object", _source_file(cls, what), cls.__qualname__, fields)
    if isinstance(value, tuple):
        return tuple(to_compile_time(v, what) for v in value)
    if isinstance(value, list):
        return [to_compile_time(v, what) for v in value]
    return value

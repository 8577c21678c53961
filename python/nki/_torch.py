"""nki.nki_op: registers an nki kernel as a PyTorch custom operator (torch.library), so a plain
torch.nn.Module can call it in forward() as torch.ops.nki.<name>(...) or through the returned
function. Kernels run on the simulator with CPU tensors; torch is imported only when used.

    @nki.nki_op
    @nki.jit
    def scale_add(a, b, scale=2.0): ...

    y = scale_add(x, z)                       # == torch.ops.nki.scale_add(x, z, 2.0)

The operator's schema comes from the kernel's signature: parameters without a default are
tensors; a parameter with an int, float, bool or str default is that scalar type. Parameters
with other defaults (None, tuples, nl constants, enums, NKIObjects) keep their default; any
parameter can be fixed to a compile-time value with nki_op(kernel, name=value).
`outputs=` is the number of tensors the kernel returns (default 1).
"""

import functools
import inspect

_SCALARS = {bool: "bool", int: "int", float: "float", str: "str"}
_LIBRARY = None


def _library():
    global _LIBRARY
    if _LIBRARY is None:
        import torch.library
        _LIBRARY = torch.library.Library("nki", "DEF")
    return _LIBRARY


def _schema(name, fn, fixed, outputs):
    params = []
    for p in inspect.signature(fn).parameters.values():
        if p.name in fixed:
            continue
        if p.kind not in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            raise TypeError(f"nki_op {name}: parameter '{p.name}' must be a plain positional parameter")
        if p.default is inspect.Parameter.empty:
            params.append((p.name, f"Tensor {p.name}"))
        elif type(p.default) in _SCALARS:
            params.append((p.name, f"{_SCALARS[type(p.default)]} {p.name}={p.default!r}"))
        # Other defaults (None, tuples, nl constants, enums, NKIObjects) are not operator
        # arguments: the kernel always gets its default, or the value fixed by nki_op(k, name=...).
    ret = "Tensor" if outputs == 1 else "(" + ", ".join(["Tensor"] * outputs) + ")"
    return [n for n, _ in params], f"{name}({', '.join(s for _, s in params)}) -> {ret}"


def nki_op(kernel=None, *, name=None, outputs=1, **fixed):
    """Registers `kernel` (an nki.jit kernel or kernel function) as torch.ops.nki.<name> and
    returns a function calling that operator. Usable as @nki.nki_op or @nki.nki_op(name=...)."""
    if kernel is None:
        return lambda k: nki_op(k, name=name, outputs=outputs, **fixed)
    import torch
    from nki import Kernel
    k = kernel if isinstance(kernel, Kernel) else Kernel(kernel)
    op_name = name or k.__name__
    names, schema = _schema(op_name, k.fn, fixed, outputs)
    lib = _library()
    lib.define(schema)

    def implementation(*args):
        result = k(**dict(zip(names, args)), **fixed)
        if outputs == 1 and isinstance(result, tuple):
            raise TypeError(f"nki_op {op_name}: the kernel returned {len(result)} tensors; "
                            f"register it with outputs={len(result)}")
        return result

    lib.impl(op_name, implementation, "CPU")
    op = getattr(torch.ops.nki, op_name)

    @functools.wraps(k.fn)
    def call(*args, **kwargs):
        bound = inspect.signature(call).bind(*args, **kwargs)
        bound.apply_defaults()
        return op(*[bound.arguments[n] for n in names])

    call.__signature__ = inspect.Signature(
        [p for p in inspect.signature(k.fn).parameters.values() if p.name in names])
    call.op = op
    call.schema = schema
    return call

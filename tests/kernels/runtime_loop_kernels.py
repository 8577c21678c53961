"""Kernels with runtime loops: the iteration count is read from an input tensor into a register
at run time, so one compiled kernel serves every count. Used by test_runtime_loops.py."""
import nki
import nki.isa as nisa
import nki.language as nl


@nki.jit
def repeat_add(x, count):
    """x * count[0, 0], by adding x count times in a runtime loop."""
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    n = nisa.register_alloc()
    nisa.register_load(dst=n, src=count)
    tx = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.sbuf)
    acc = nl.zeros(x.shape, dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=tx, src=x)
    for i in nl.dynamic_range(n):
        nisa.tensor_tensor(dst=acc, data1=acc, data2=tx, op=nl.add)
    nisa.dma_copy(dst=out, src=acc)
    return out


@nki.jit
def countdown(x, count):
    """x + count[0, 0] through nl.while_loop: the condition register is reloaded from an SBUF
    counter decremented each iteration (registers have no arithmetic of their own)."""
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    counter = nl.ndarray((1, 1), dtype=nl.int32, buffer=nl.sbuf)
    nisa.dma_copy(dst=counter, src=count)
    cond = nisa.register_alloc(counter)
    acc = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=acc, src=x)

    def body(c):
        nisa.tensor_scalar(dst=acc, data=acc, op0=nl.add, operand0=1.0)
        nisa.tensor_scalar(dst=counter, data=counter, op0=nl.subtract, operand0=1)
        nisa.register_load(dst=c, src=counter)
        return c

    nl.while_loop(cond, body)
    nisa.dma_copy(dst=out, src=acc)
    return out


@nki.jit
def strided_rows(x, stop):
    """Copies rows 0, 2, 4, ... below stop[0, 0] of x into the output (others stay 0), with
    nl.fori_loop, the induction register as a store target, and a register bound."""
    out = nl.ndarray((1, 8), dtype=nl.int32, buffer=nl.shared_hbm)
    marks = nl.zeros((1, 8), dtype=nl.int32, buffer=nl.sbuf)
    n = nisa.register_alloc(stop)
    visited = nl.zeros((1, 1), dtype=nl.int32, buffer=nl.sbuf)

    def body(i):
        nisa.tensor_scalar(dst=visited, data=visited, op0=nl.add, operand0=1)
        nisa.register_store(dst=marks[0:1, 0:1], src=i)

    nl.fori_loop(0, n, body, step=2)
    nisa.tensor_copy(dst=marks[0:1, 1:2], src=visited)
    nisa.dma_copy(dst=out, src=marks)
    return out


@nki.jit
def nested(x, a, b):
    """Nested runtime loops with register bounds: (x + b - 1) * 2, a times over."""
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    ra = nisa.register_alloc(a)
    rb = nisa.register_alloc(b)
    acc = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=acc, src=x)
    for i in nl.dynamic_range(ra):
        for j in nl.dynamic_range(1, rb):
            nisa.tensor_scalar(dst=acc, data=acc, op0=nl.add, operand0=1.0)
        nisa.tensor_scalar(dst=acc, data=acc, op0=nl.multiply, operand0=2.0)
    nisa.dma_copy(dst=out, src=acc)
    return out

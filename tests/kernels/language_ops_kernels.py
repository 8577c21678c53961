"""Kernels written with nki.language convenience operations, for test_language_ops.py."""
import nki
import nki.isa as nisa
import nki.language as nl


@nki.jit
def elementwise(a, b):
    out = nl.ndarray(a.shape, dtype=nl.float32, buffer=nl.shared_hbm)
    x = nl.load(a)
    y = nl.load(b)
    d = nl.subtract(2.0, nl.add(x, y))
    m = nl.maximum(d, nl.multiply(x, 0.5))
    e = nl.exp(nl.tanh(m))
    col = nl.full((a.shape[0], 1), 3.0, dtype=nl.float32)
    r = nl.relu(nl.add(e, col))
    nl.store(out, value=nl.negative(nl.copy(r)))
    return out


@nki.jit
def creation(a):
    out = nl.ndarray((a.shape[0], 4 * a.shape[1]), dtype=a.dtype, buffer=nl.shared_hbm)
    x = nl.load(a)
    parts = [nl.zeros_like(x), nl.ones_like(x), nl.full_like(x, 7.0), nl.add(nl.ones(x.shape, dtype=x.dtype), x)]
    for i, p in enumerate(parts):
        nl.store(out[:, nl.ds(i * a.shape[1], a.shape[1])], p)
    return out


@nki.jit
def matmul_and_transpose(x, y):
    """x [M, K] (not transposed), y [K, N]: x @ y and x.T, through nl.matmul / nl.transpose."""
    prod = nl.ndarray((x.shape[0], y.shape[1]), dtype=nl.float32, buffer=nl.shared_hbm)
    xt = nl.ndarray((x.shape[1], x.shape[0]), dtype=x.dtype, buffer=nl.shared_hbm)
    tx = nl.load(x)
    ty = nl.load(y)
    nl.store(prod, nl.copy(nl.matmul(tx, ty)))
    nl.store(xt, nl.copy(nl.transpose(tx)))
    return prod, xt


@nki.jit
def named_steps(a):
    """Three named instructions, for kernel.with_schedule and depends_on tests."""
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    u = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a, name="load")
    nisa.memset(dst=u, value=2.0, name="fill")
    nisa.tensor_tensor(dst=t, data1=t, data2=u, op=nl.multiply, name="scale")
    nisa.dma_copy(dst=out, src=t, name="store")
    return out


@nki.jit
def explicit_dependency(a):
    """fill waits for load through the handle nisa.dma_copy returns."""
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    u = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    load = nisa.dma_copy(dst=t, src=a, name="load")
    fill = nisa.memset(dst=u, value=3.0)
    fill.depends_on(load)
    nisa.tensor_tensor(dst=t, data1=t, data2=u, op=nl.add)
    nisa.dma_copy(dst=out, src=t)
    return out

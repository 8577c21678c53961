"""Kernels for test_edges.py (imported, never collected): the element-wise instructions and
tensor_reduce over strided, broadcast and PSUM access patterns, on each engine that runs them,
with operators, engines and dtypes passed as strings."""

import nki
import nki.isa as nisa
import nki.language as nl
from kernel_io import load, store


@nki.jit
def tt_strided(a, b, op, engine):
    """dst[:, 1::2] = a[:, 0::2] <op> b[:, 1::2]; the other dst columns stay 0."""
    ta = load(a)
    tb = load(b)
    P, F = a.shape
    t = nl.ndarray((P, F), dtype=nl.float32, buffer=nl.sbuf)
    nisa.memset(dst=t, value=0.0)
    nisa.tensor_tensor(dst=t[:, 1:F:2], data1=ta[:, 0:F - 1:2], data2=tb[:, 1:F:2], op=getattr(nl, op),
                       engine=getattr(nisa.engine, engine))
    return store(t)


@nki.jit
def tt_broadcast(a, v, op, out_dtype):
    """a <op> v with the [P,1] tile v broadcast along a's free dim (a stride-0 pattern)."""
    ta = load(a)
    tv = load(v)
    P, F = a.shape
    t = nl.ndarray((P, F), dtype=out_dtype, buffer=nl.sbuf)
    nisa.tensor_tensor(dst=t, data1=ta, data2=tv.broadcast(1, F), op=getattr(nl, op))
    return store(t)


@nki.jit
def tt_psum(a, b, op):
    """data2 read from PSUM (copied there first), dst written to PSUM, then copied out."""
    ta = load(a)
    tb = load(b)
    pb = nl.ndarray(b.shape, dtype=nl.float32, buffer=nl.psum)
    nisa.tensor_copy(dst=pb, src=tb)
    pt = nl.ndarray(a.shape, dtype=nl.float32, buffer=nl.psum)
    nisa.tensor_tensor(dst=pt, data1=ta, data2=pb, op=getattr(nl, op))
    t = nl.ndarray(a.shape, dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=t, src=pt)
    return store(t)


@nki.jit
def ts(a, op0, x0, op1, x1, out_dtype, engine):
    """tensor_scalar with immediates or [P,1] arrays as operands, on `engine`."""
    ta = load(a)
    o0 = x0 if isinstance(x0, float) else load(x0)
    o1 = x1 if isinstance(x1, float) else load(x1)
    t = nl.ndarray(a.shape, dtype=out_dtype, buffer=nl.sbuf)
    if op1 == "":
        nisa.tensor_scalar(dst=t, data=ta, op0=getattr(nl, op0), operand0=o0, engine=getattr(nisa.engine, engine))
    else:
        nisa.tensor_scalar(dst=t, data=ta, op0=getattr(nl, op0), operand0=o0, op1=getattr(nl, op1), operand1=o1,
                           engine=getattr(nisa.engine, engine))
    return store(t)


@nki.jit
def ts_strided_broadcast(a, v):
    """tensor_scalar over a[:, ::3] into a 3-D dst, and over v broadcast to [P, 5]."""
    ta = load(a)
    tv = load(v)
    P, F = a.shape
    n = (F + 2) // 3
    t = nl.ndarray((P, n), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar(dst=t, data=ta[:, 0:F:3], op0=nl.subtract, operand0=0.5, op1=nl.multiply, operand1=3.0)
    u = nl.ndarray((P, 5), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar(dst=u, data=tv.broadcast(1, 5), op0=nl.add, operand0=tv)
    out = nl.ndarray((P, n + 5), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[:, 0:n], src=t)
    nisa.dma_copy(dst=out[:, n:n + 5], src=u)
    return out


@nki.jit
def copy(a, out_dtype, engine):
    ta = load(a)
    t = nl.ndarray(a.shape, dtype=out_dtype, buffer=nl.sbuf)
    nisa.tensor_copy(dst=t, src=ta, engine=getattr(nisa.engine, engine))
    return store(t)


@nki.jit
def copy_bits_f32(words):
    """A float32 copy of uint32 words (viewed as float32 in SBUF), returned as words again."""
    tw = load(words)
    t = nl.ndarray(words.shape, dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=t, src=tw.view(nl.float32))
    u = nl.ndarray(words.shape, dtype=nl.uint32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=u, src=t.view(nl.uint32))
    return store(u)


@nki.jit
def copy_patterns(a, v, engine):
    """dst[:, 0::2] = a[:, 1::2] (both strided), and a broadcast [P,1] tile copied into a
    [P, 3, 4] bfloat16 dst."""
    ta = load(a)
    tv = load(v)
    P, F = a.shape
    t = nl.ndarray((P, F), dtype=nl.float32, buffer=nl.sbuf)
    nisa.memset(dst=t, value=-1.0)
    nisa.tensor_copy(dst=t[:, 0:F:2], src=ta[:, 1:F:2], engine=getattr(nisa.engine, engine))
    b = nl.ndarray((P, 3, 4), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.tensor_copy(dst=b, src=tv.broadcast(1, 12).reshape((P, 3, 4)), engine=getattr(nisa.engine, engine))
    out = nl.ndarray((P, F + 12), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[:, 0:F], src=t)
    nisa.dma_copy(dst=out[:, F:F + 12], src=b.reshape((P, 12)))
    return out


@nki.jit
def act(a, op, scale, bias, out_dtype):
    """activation with scale/bias each a number or a [P,1] array."""
    ta = load(a)
    s = scale if isinstance(scale, float) else load(scale)
    b = bias if isinstance(bias, float) else load(bias)
    t = nl.ndarray(a.shape, dtype=out_dtype, buffer=nl.sbuf)
    nisa.activation(dst=t, op=getattr(nl, op), data=ta, bias=b, scale=s)
    return store(t)


@nki.jit
def act_patterns(a, v):
    """activation on a[:, 1::2] into PSUM, and on v broadcast along 6 columns."""
    ta = load(a)
    tv = load(v)
    P, F = a.shape
    h = F // 2
    p = nl.ndarray((P, h), dtype=nl.float32, buffer=nl.psum)
    nisa.activation(dst=p, op=nl.exp, data=ta[:, 1:F:2], scale=0.5)
    u = nl.ndarray((P, 6), dtype=nl.float32, buffer=nl.sbuf)
    nisa.activation(dst=u, op=nl.square, data=tv.broadcast(1, 6), bias=tv)
    t = nl.ndarray((P, h), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=t, src=p)
    out = nl.ndarray((P, h + 6), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[:, 0:h], src=t)
    nisa.dma_copy(dst=out[:, h:h + 6], src=u)
    return out


@nki.jit
def reduce(a, op, out_dtype):
    ta = load(a)
    t = nl.ndarray((a.shape[0], 1), dtype=out_dtype, buffer=nl.sbuf)
    nisa.tensor_reduce(dst=t, op=getattr(nl, op), data=ta, axis=1)
    return store(t)


@nki.jit
def reduce_patterns(a, v):
    """max over a[:, 1::3]; add over v broadcast to [P, 4, 5] (axes (1, 2)) written to PSUM."""
    ta = load(a)
    tv = load(v)
    P, F = a.shape
    t = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_reduce(dst=t, op=nl.maximum, data=ta[:, 1:F:3], axis=1)
    p = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.psum)
    nisa.tensor_reduce(dst=p, op=nl.add, data=tv.broadcast(1, 20).reshape((P, 4, 5)), axis=(1, 2))
    u = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=u, src=p)
    out = nl.ndarray((P, 2), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[:, 0:1], src=t)
    nisa.dma_copy(dst=out[:, 1:2], src=u)
    return out


@nki.jit
def stt(a, v, b, op0, op1, out_dtype):
    """scalar_tensor_tensor over a[:, ::2] with a [P,1] operand0 and b's odd columns as operand1."""
    ta = load(a)
    tv = load(v)
    tb = load(b)
    P, F = a.shape
    h = F // 2
    t = nl.ndarray((P, h), dtype=out_dtype, buffer=nl.sbuf)
    nisa.scalar_tensor_tensor(dst=t, data=ta[:, 0:2 * h:2], op0=getattr(nl, op0), operand0=tv,
                              op1=getattr(nl, op1), operand1=tb[:, 1:2 * h:2])
    return store(t)


@nki.jit
def scan(a, b, init, out_dtype):
    """tensor_tensor_scan r = a*r + b from a [P,1] initial tile."""
    ta = load(a)
    tb = load(b)
    ti = load(init)
    t = nl.ndarray(a.shape, dtype=out_dtype, buffer=nl.sbuf)
    nisa.tensor_tensor_scan(dst=t, data0=ta, data1=tb, initial=ti, op0=nl.multiply, op1=nl.add)
    return store(t)


@nki.jit
def scalar_reduce_load(a, init, rop):
    """tensor_scalar_reduce(load_reduce) from reduce_init, read out."""
    ta = load(a)
    P = a.shape[0]
    t = nl.ndarray(a.shape, dtype=nl.float32, buffer=nl.sbuf)
    r = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar_reduce(dst=t, data=ta, op0=nl.add, operand0=0.0, reduce_op=getattr(nl, rop), reduce_res=r,
                              reduce_cmd=nisa.reduce_cmd.load_reduce, reduce_init=init)
    return store(r)


@nki.jit
def predicated_imm(d, pred, value):
    """tensor_copy_predicated of an immediate into d (any dtype)."""
    td = load(d)
    tp = load(pred)
    nisa.tensor_copy_predicated(dst=td, src=value, predicate=tp)
    return store(td)


@nki.jit
def recip(a, out_dtype):
    ta = load(a)
    t = nl.ndarray(a.shape, dtype=out_dtype, buffer=nl.sbuf)
    nisa.reciprocal(dst=t, data=ta)
    return store(t)


@nki.jit
def part_reduce(a, op):
    ta = load(a)
    t = nl.ndarray((1, a.shape[1]), dtype=a.dtype, buffer=nl.sbuf)
    nisa.tensor_partition_reduce(dst=t, op=getattr(nl, op), data=ta)
    return store(t)


@nki.jit
def causal_int(a, fill):
    """affine_select keeping a[p, j] where p - j >= 0, else `fill` converted to a's dtype."""
    ta = load(a)
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    nisa.affine_select(dst=t, pattern=[[-1, a.shape[1]]], channel_multiplier=1, on_true_tile=ta,
                       on_false_value=fill, cmp_op=nl.greater_equal)
    return store(t)


# ---- strided (every other / third column) and broadcast ([P,1] tiles read with step 0) operands ----

@nki.jit
def recip_strided(a):
    """1 / a[:, 0::2] into the odd columns of a zeroed dst."""
    ta = load(a)
    P, F = a.shape
    t = nl.ndarray((P, F), dtype=nl.float32, buffer=nl.sbuf)
    nisa.memset(dst=t, value=0.0)
    nisa.reciprocal(dst=t[:, 1:F:2], data=ta[:, 0:F - 1:2])
    return store(t)


@nki.jit
def scan_strided_broadcast(a, v, init):
    """tensor_tensor_scan r = a[:, 0::2][i] * r + v (v: [P,1] broadcast along the free dim)."""
    ta = load(a)
    tv = load(v)
    P, F = a.shape
    n = F // 2
    t = nl.ndarray((P, n), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_tensor_scan(dst=t, data0=ta[:, 0:F:2], data1=tv.broadcast(1, n), initial=init, op0=nl.multiply,
                            op1=nl.add)
    return store(t)


@nki.jit
def predicated_strided_broadcast(d, s, pred):
    """dst = s[:, 0::2] where the [P,1] predicate (broadcast along the row) is nonzero, else d."""
    td = load(d)
    ts = load(s)
    tp = load(pred)
    P, n = d.shape
    nisa.tensor_copy_predicated(dst=td, src=ts[:, 0:2 * n:2], predicate=tp.broadcast(1, n))
    return store(td)


@nki.jit
def stt_broadcast(a, v, w):
    """scalar_tensor_tensor (a * v) + w with w a [P,1] tile broadcast as operand1."""
    ta = load(a)
    tv = load(v)
    tw = load(w)
    P, F = a.shape
    t = nl.ndarray((P, F), dtype=nl.float32, buffer=nl.sbuf)
    nisa.scalar_tensor_tensor(dst=t, data=ta, op0=nl.multiply, operand0=tv, op1=nl.add, operand1=tw.broadcast(1, F))
    return store(t)


@nki.jit
def scalar_reduce_strided(a):
    """tensor_scalar_reduce of a[:, 1::3] (x * 2, summed), the products and the sum read out."""
    ta = load(a)
    P, F = a.shape
    n = (F - 1 + 2) // 3
    t = nl.ndarray((P, n + 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar_reduce(dst=t[:, 0:n], data=ta[:, 1:F:3], op0=nl.multiply, operand0=2.0, reduce_op=nl.add,
                              reduce_res=t[:, n:n + 1])
    return store(t)


@nki.jit
def transpose_strided(a, engine):
    """nc_transpose of a[:, 0::2]."""
    ta = load(a)
    P, F = a.shape
    n = F // 2
    buf = nl.psum if engine == "tensor" else nl.sbuf
    t = nl.ndarray((n, P), dtype=a.dtype, buffer=buf)
    nisa.nc_transpose(dst=t, data=ta[:, 0:F:2], engine=getattr(nisa.engine, engine))
    o = nl.ndarray((n, P), dtype=a.dtype, buffer=nl.sbuf)
    nisa.tensor_copy(dst=o, src=t)
    return store(o)


@nki.jit
def dma_strided_broadcast(a, v):
    """dma_copy of a[:, 1::2] (an SBUF tile read with step 2) and of v broadcast to 5 columns."""
    ta = load(a)
    tv = load(v)
    P, F = a.shape
    n = F // 2
    out = nl.ndarray((P, n + 5), dtype=a.dtype, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[:, 0:n], src=ta[:, 1:F:2])
    nisa.dma_copy(dst=out[:, n:n + 5], src=tv.broadcast(1, 5))
    return out


@nki.jit
def stats_strided(a):
    """bn_stats of a[:, 0::2] and tensor_partition_reduce(add) of a[:, 1::2]."""
    ta = load(a)
    P, F = a.shape
    n = F // 2
    stats = nl.ndarray((P, 6), dtype=nl.float32, buffer=nl.sbuf)
    nisa.bn_stats(dst=stats, data=ta[:, 0:F:2])
    col = nl.ndarray((1, n), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_partition_reduce(dst=col, op=nl.add, data=ta[:, 1:F:2])
    out = nl.ndarray((P + 1, 6 if 6 > n else n), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[0:P, 0:6], src=stats)
    nisa.dma_copy(dst=out[P:P + 1, 0:n], src=col)
    return out


@nki.jit
def causal_strided(a):
    """affine_select of a[:, 1::2], keeping column j of partition p where p - j >= 0, else -1.0."""
    ta = load(a)
    P, F = a.shape
    n = F // 2
    t = nl.ndarray((P, n), dtype=a.dtype, buffer=nl.sbuf)
    nisa.affine_select(dst=t, pattern=[[-1, n]], channel_multiplier=1, on_true_tile=ta[:, 1:F:2],
                       on_false_value=-1.0, cmp_op=nl.greater_equal)
    return store(t)

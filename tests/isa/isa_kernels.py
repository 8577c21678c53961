"""Kernels for the per-instruction tests (imported by the test_*.py files, never collected).

Each kernel loads its inputs into SBUF, runs one instruction with the operator, engine and
dtypes passed as strings (looked up with getattr inside the kernel), and stores the result.
"""

import nki
import nki.isa as nisa
import nki.language as nl
from kernel_io import load, store


@nki.jit
def tensor_tensor(a, b, op, out_dtype, engine):
    ta = load(a)
    tb = load(b)
    t = nl.ndarray(a.shape, dtype=out_dtype, buffer=nl.sbuf)
    nisa.tensor_tensor(dst=t, data1=ta, data2=tb, op=getattr(nl, op), engine=getattr(nisa.engine, engine))
    return store(t)


@nki.jit
def tensor_scalar_imm(a, op0, x0, op1, x1, rev0, rev1, out_dtype):
    ta = load(a)
    t = nl.ndarray(a.shape, dtype=out_dtype, buffer=nl.sbuf)
    if op1 == "":
        nisa.tensor_scalar(dst=t, data=ta, op0=getattr(nl, op0), operand0=x0, reverse0=rev0)
    else:
        nisa.tensor_scalar(dst=t, data=ta, op0=getattr(nl, op0), operand0=x0, reverse0=rev0,
                           op1=getattr(nl, op1), operand1=x1, reverse1=rev1)
    return store(t)


@nki.jit
def tensor_scalar_vec(a, v0, v1, op0, op1, out_dtype):
    ta = load(a)
    t0 = load(v0)
    t1 = load(v1)
    t = nl.ndarray(a.shape, dtype=out_dtype, buffer=nl.sbuf)
    nisa.tensor_scalar(dst=t, data=ta, op0=getattr(nl, op0), operand0=t0, op1=getattr(nl, op1), operand1=t1)
    return store(t)


@nki.jit
def activation(a, op, scale, bias, out_dtype):
    ta = load(a)
    tb = load(bias)
    t = nl.ndarray(a.shape, dtype=out_dtype, buffer=nl.sbuf)
    nisa.activation(dst=t, op=getattr(nl, op), data=ta, bias=tb, scale=scale)
    return store(t)


@nki.jit
def activation_accumulate(a, b):
    """reset_reduce over exp(a) (read out), reduce over b, idle (read out), then activation_reduce."""
    ta = load(a)
    tb = load(b)
    P = a.shape[0]
    t = nl.ndarray(a.shape, dtype=nl.float32, buffer=nl.sbuf)
    r1 = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    r2 = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.activation(dst=t, op=nl.exp, data=ta, reduce_op=nl.add, reduce_res=r1, reduce_cmd=nisa.reduce_cmd.reset_reduce)
    nisa.activation(dst=t, op=nl.copy, data=tb, reduce_op=nl.add, reduce_cmd=nisa.reduce_cmd.reduce)
    nisa.activation(dst=t, op=nl.copy, data=tb, reduce_res=r2, reduce_cmd=nisa.reduce_cmd.idle)
    t2 = nl.ndarray(b.shape, dtype=nl.float32, buffer=nl.sbuf)
    r3 = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.activation_reduce(dst=t2, op=nl.square, data=tb, reduce_op=nl.add, reduce_res=r3)
    out = nl.ndarray((P, 3), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[:, 0:1], src=r1)
    nisa.dma_copy(dst=out[:, 1:2], src=r2)
    nisa.dma_copy(dst=out[:, 2:3], src=r3)
    return out


@nki.jit
def tensor_reduce(a, op, axis, negate, out_shape, out_dtype):
    ta = load(a)
    t = nl.ndarray(out_shape, dtype=out_dtype, buffer=nl.sbuf)
    nisa.tensor_reduce(dst=t, op=getattr(nl, op), data=ta, axis=axis, negate=negate)
    return store(t)


@nki.jit
def scalar_tensor_tensor(a, v, b, op0, op1, rev0, rev1):
    ta = load(a)
    tv = load(v)
    tb = load(b)
    t = nl.ndarray(a.shape, dtype=nl.float32, buffer=nl.sbuf)
    nisa.scalar_tensor_tensor(dst=t, data=ta, op0=getattr(nl, op0), operand0=tv, op1=getattr(nl, op1), operand1=tb,
                              reverse0=rev0, reverse1=rev1)
    return store(t)


@nki.jit
def tensor_tensor_scan(a, b, init, op0, op1):
    ta = load(a)
    tb = load(b)
    t = nl.ndarray(a.shape, dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_tensor_scan(dst=t, data0=ta, data1=tb, initial=init, op0=getattr(nl, op0), op1=getattr(nl, op1))
    return store(t)


@nki.jit
def reciprocal(a):
    ta = load(a)
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    nisa.reciprocal(dst=t, data=ta)
    return store(t)


@nki.jit
def iota(parts, n, m, offset, mult, out_dtype):
    t = nl.ndarray((parts, n, m), dtype=out_dtype, buffer=nl.sbuf)
    nisa.iota(dst=t, pattern=[[m * 10, n], [-1, m]], offset=offset, channel_multiplier=mult)
    return store(t)


@nki.jit
def causal_mask(a):
    ta = load(a)
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    # keep a[p, j] where p - j >= 0
    nisa.affine_select(dst=t, pattern=[[-1, a.shape[1]]], channel_multiplier=1, on_true_tile=ta,
                       on_false_value=-9984.0, cmp_op=nl.greater_equal)
    return store(t)


@nki.jit
def copy_predicated(dst_init, src, pred, reverse):
    t = load(dst_init)
    ts = load(src)
    tp = load(pred)
    nisa.tensor_copy_predicated(dst=t, src=ts, predicate=tp, reverse_pred=reverse)
    return store(t)


@nki.jit
def scalar_reduce(a, b, op0, x0, rop):
    """Reduce a with reset_reduce (read out), then b on top with reduce (read out, negated)."""
    ta = load(a)
    tb = load(b)
    P = a.shape[0]
    t = nl.ndarray(a.shape, dtype=nl.float32, buffer=nl.sbuf)
    r1 = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    r2 = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar_reduce(dst=t, data=ta, op0=getattr(nl, op0), operand0=x0, reduce_op=getattr(nl, rop),
                              reduce_res=r1)
    nisa.tensor_scalar_reduce(dst=t, data=tb, op0=getattr(nl, op0), operand0=x0, reduce_op=getattr(nl, rop),
                              reduce_res=r2, reduce_cmd=nisa.reduce_cmd.reduce, reduce_res_negate=True)
    out = nl.ndarray((P, 2 + a.shape[1]), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[:, 0:1], src=r1)
    nisa.dma_copy(dst=out[:, 1:2], src=r2)
    nisa.dma_copy(dst=out[:, 2:2 + a.shape[1]], src=t)
    return out


@nki.jit
def partition_reduce(a, op):
    ta = load(a)
    t = nl.ndarray((1, a.shape[1]), dtype=a.dtype, buffer=nl.sbuf)
    nisa.tensor_partition_reduce(dst=t, op=getattr(nl, op), data=ta)
    return store(t)


@nki.jit
def bn(a):
    ta = load(a)
    P = a.shape[0]
    half = a.shape[1] // 2
    stats = nl.ndarray((P, 12), dtype=nl.float32, buffer=nl.sbuf)
    nisa.bn_stats(dst=stats[:, 0:6], data=ta[:, 0:half])
    nisa.bn_stats(dst=stats[:, 6:12], data=ta[:, half:a.shape[1]])
    agg = nl.ndarray((P, 2), dtype=nl.float32, buffer=nl.sbuf)
    nisa.bn_aggr(dst=agg, data=stats)
    out = nl.ndarray((P, 14), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[:, 0:12], src=stats)
    nisa.dma_copy(dst=out[:, 12:14], src=agg)
    return out


@nki.jit
def bn_one_triple(a):
    """bn_aggr of the first triple bn_stats writes (3 elements per partition, an odd count)."""
    ta = load(a)
    P = a.shape[0]
    stats = nl.ndarray((P, 6), dtype=nl.float32, buffer=nl.sbuf)
    nisa.bn_stats(dst=stats, data=ta)
    agg = nl.ndarray((P, 2), dtype=nl.float32, buffer=nl.sbuf)
    nisa.bn_aggr(dst=agg, data=stats[:, 0:3])
    return store(agg)

"""Kernels for test_select.py (imported, never collected): tensor_scalar_cumulative,
select_reduce, range_select, dropout and sequence_bounds, with operators, commands and dtypes
passed as strings and looked up inside the kernel."""

import nki
import nki.isa as nisa
import nki.language as nl
from kernel_io import load, store


@nki.jit
def cumulative(a, op0, imm0, op1, cmd, imm1, out_dtype):
    """imm0/imm1: numbers or [P,1] arrays (loaded); cmd "" = the default (reset_reduce)."""
    ta = load(a)
    x0 = imm0 if isinstance(imm0, float) else load(imm0)
    x1 = imm1
    if imm1 != None and not isinstance(imm1, float):  # noqa: E711 (NKI has no `is`)
        x1 = load(imm1)
    t = nl.ndarray(a.shape, dtype=out_dtype, buffer=nl.sbuf)
    if cmd == "":
        nisa.tensor_scalar_cumulative(dst=t, src=ta, op0=getattr(nl, op0), op1=getattr(nl, op1), imm0=x0, imm1=x1)
    else:
        nisa.tensor_scalar_cumulative(t, ta, getattr(nl, op0), getattr(nl, op1), x0, imm1=x1,
                                      reduce_cmd=getattr(nisa.reduce_cmd, cmd))
    return store(t)


@nki.jit
def cumulative_two_tiles(a, b):
    """A running sum over a then b (reduce_cmd=reduce carries the accumulators across)."""
    ta = load(a)
    tb = load(b)
    t = nl.ndarray((a.shape[0], a.shape[1] + b.shape[1]), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar_cumulative(dst=t[:, 0:a.shape[1]], src=ta, op0=nl.add, op1=nl.add, imm0=0.0)
    nisa.tensor_scalar_cumulative(dst=t[:, a.shape[1]:a.shape[1] + b.shape[1]], src=tb, op0=nl.add, op1=nl.add,
                                  imm0=0.0, reduce_cmd=nisa.reduce_cmd.reduce)
    return store(t)


@nki.jit
def cumulative_strided(a):
    """Every other column of a, scanned into a dst that is itself every other column."""
    ta = load(a)
    P, F = a.shape
    t = nl.ndarray((P, F), dtype=nl.float32, buffer=nl.sbuf)
    nisa.memset(dst=t, value=0.0)
    nisa.tensor_scalar_cumulative(dst=t[:, 1:F:2], src=ta[:, 0:F:2], op0=nl.multiply, op1=nl.add, imm0=2.0)
    return store(t)


@nki.jit
def select(pred, on_true, on_false, reverse, cmd, out_dtype):
    """Select (reduce_cmd `cmd`, reduce_res read out when cmd != "idle"); on_false number or [P,1]."""
    tp = load(pred)
    tt = load(on_true)
    f = on_false if isinstance(on_false, float) else load(on_false)
    P, F = on_true.shape
    t = nl.ndarray((P, F), dtype=out_dtype, buffer=nl.sbuf)
    r = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.memset(dst=r, value=7.0)
    if cmd == "idle":
        nisa.select_reduce(dst=t, predicate=tp, on_true=tt, on_false=f, reverse_pred=reverse)
    else:
        nisa.select_reduce(dst=t, predicate=tp, on_true=tt, on_false=f, reduce_res=r,
                           reduce_cmd=getattr(nisa.reduce_cmd, cmd), reduce_op=nl.maximum, reverse_pred=reverse)
    out = nl.ndarray((P, F + 1), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[:, 0:F], src=t)
    nisa.dma_copy(dst=out[:, F:F + 1], src=r)
    return out


@nki.jit
def select_then_reduce(pred, a, b):
    """reset_reduce over a's selection, then reduce over b's: the max of both, read out once."""
    tp = load(pred)
    ta = load(a)
    tb = load(b)
    P, F = a.shape
    t = nl.ndarray((P, F), dtype=nl.float32, buffer=nl.sbuf)
    r = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.select_reduce(dst=t, predicate=tp, on_true=ta, on_false=-1e30, reduce_cmd=nisa.reduce_cmd.reset_reduce)
    nisa.select_reduce(dst=t, predicate=tp, on_true=tb, on_false=-1e30, reduce_res=r,
                       reduce_cmd=nisa.reduce_cmd.reduce)
    return store(r)


@nki.jit
def range_sel(a, b0, b1, c0, c1, start, cmd, out_dtype):
    ta = load(a)
    t0 = load(b0)
    t1 = load(b1)
    P = a.shape[0]
    F = a.size // P
    t = nl.ndarray(a.shape, dtype=out_dtype, buffer=nl.sbuf)
    r = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    if cmd == "":
        nisa.range_select(dst=t, on_true_tile=ta, comp_op0=getattr(nl, c0), comp_op1=getattr(nl, c1), bound0=t0,
                          bound1=t1, reduce_res=r, range_start=start)
    else:
        nisa.range_select(dst=t, on_true_tile=ta, comp_op0=getattr(nl, c0), comp_op1=getattr(nl, c1), bound0=t0,
                          bound1=t1, reduce_cmd=getattr(nisa.reduce_cmd, cmd), reduce_res=r, range_start=start,
                          on_false_value=-3.4028235e38)
    out = nl.ndarray((P, F + 1), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[:, 0:F], src=t.reshape((P, F)))
    nisa.dma_copy(dst=out[:, F:F + 1], src=r)
    return out


@nki.jit
def drop(a, prob, times):
    """`times` dropouts of a in a row (each draws fresh numbers), stacked along the free dim."""
    ta = load(a)
    p = prob if isinstance(prob, float) else load(prob)
    P, F = a.shape
    t = nl.ndarray((P, F * times), dtype=a.dtype, buffer=nl.sbuf)
    for i in range(times):
        nisa.dropout(dst=t[:, i * F:(i + 1) * F], data=ta, prob=p)
    return store(t)


@nki.jit
def drop_broadcast(v, n, prob):
    """dropout of a [P,1] tile broadcast along n columns (a stride-0 access pattern)."""
    tv = load(v)
    P = v.shape[0]
    t = nl.ndarray((P, n), dtype=v.dtype, buffer=nl.sbuf)
    nisa.dropout(dst=t, data=tv.broadcast(1, n), prob=prob)
    return store(t)


@nki.jit
def seq_bounds(ids, out_dtype):
    tid = load(ids)
    n = ids.shape[1]
    t = nl.ndarray((1, 2, n), dtype=out_dtype, buffer=nl.sbuf)
    nisa.sequence_bounds(dst=t, segment_ids=tid)
    return store(t)


@nki.jit
def shared_accumulators(a, pred, b):
    """tensor_scalar_cumulative leaves each lane's running maximum in the Vector accumulators;
    select_reduce(reduce) on partitions 32..63 only continues from it, and select_reduce(reset)
    on partitions 0..31 starts afresh — the lanes are the partitions each instruction touches."""
    ta = load(a)
    tp = load(pred)
    tb = load(b)
    t = nl.ndarray(a.shape, dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar_cumulative(dst=t, src=ta, op0=nl.multiply, op1=nl.maximum, imm0=1.0)
    r = nl.ndarray((64, 1), dtype=nl.float32, buffer=nl.sbuf)
    u = nl.ndarray(b.shape, dtype=nl.float32, buffer=nl.sbuf)
    nisa.select_reduce(dst=u[32:64, :], predicate=tp[32:64, :], on_true=tb[32:64, :], on_false=-50.0,
                       reduce_res=r[32:64, :], reduce_cmd=nisa.reduce_cmd.reduce)
    nisa.select_reduce(dst=u[0:32, :], predicate=tp[0:32, :], on_true=tb[0:32, :], on_false=-50.0,
                       reduce_res=r[0:32, :], reduce_cmd=nisa.reduce_cmd.reset_reduce)
    return store(r)


@nki.jit
def select_strided(pred, on_true):
    """select_reduce over every other column of on_true and pred into a strided dst."""
    tp = load(pred)
    tt = load(on_true)
    P, F = on_true.shape
    h = F // 2
    t = nl.ndarray((P, F), dtype=nl.float32, buffer=nl.sbuf)
    nisa.memset(dst=t, value=0.0)
    r = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.select_reduce(dst=t[:, 1:2 * h:2], predicate=tp[:, 0:2 * h:2], on_true=tt[:, 1:2 * h:2], on_false=-8.0,
                       reduce_res=r, reduce_cmd=nisa.reduce_cmd.reset_reduce)
    out = nl.ndarray((P, F + 1), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[:, 0:F], src=t)
    nisa.dma_copy(dst=out[:, F:F + 1], src=r)
    return out


@nki.jit
def range_one_partition(a, b0, b1):
    """range_select on partition 64 alone (its own accumulator lane), strided on_true_tile."""
    ta = load(a)
    t0 = load(b0)
    t1 = load(b1)
    P, F = a.shape
    h = F // 2
    t = nl.ndarray((P, h), dtype=nl.float32, buffer=nl.sbuf)
    r = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.memset(dst=r, value=0.0)
    nisa.range_select(dst=t[64:65, :], on_true_tile=ta[64:65, 0:2 * h:2], comp_op0=nl.greater, comp_op1=nl.less_equal,
                      bound0=t0[64:65, :], bound1=t1[64:65, :], reduce_res=r[64:65, :], range_start=-3)
    out = nl.ndarray((1, h + 1), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[:, 0:h], src=t[64:65, :])
    nisa.dma_copy(dst=out[:, h:h + 1], src=r[64:65, :])
    return out


@nki.jit
def cumulative_broadcast(v, n):
    """tensor_scalar_cumulative (x * 2, running sum) over a [P,1] tile broadcast to n columns."""
    tv = load(v)
    t = nl.ndarray((v.shape[0], n), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar_cumulative(dst=t, src=tv.broadcast(1, n), op0=nl.multiply, op1=nl.add, imm0=2.0)
    return store(t)


@nki.jit
def range_sel_broadcast(v, b0, b1, n):
    """range_select of a [P,1] tile broadcast to n columns, window [b0, b1), range_start 0."""
    tv = load(v)
    P = v.shape[0]
    t = nl.ndarray((P, n), dtype=nl.float32, buffer=nl.sbuf)
    r = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.range_select(dst=t, on_true_tile=tv.broadcast(1, n), comp_op0=nl.greater_equal, comp_op1=nl.less,
                      bound0=load(b0), bound1=load(b1), reduce_res=r, range_start=0)
    out = nl.ndarray((P, n + 1), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out[:, 0:n], src=t)
    nisa.dma_copy(dst=out[:, n:n + 1], src=r)
    return out


@nki.jit
def drop_strided(a, prob):
    """dropout of every other column a[:, 0::2]."""
    ta = load(a)
    P, F = a.shape
    t = nl.ndarray((P, F // 2), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dropout(dst=t, data=ta[:, 0:F:2], prob=prob)
    return store(t)

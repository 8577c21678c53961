"""Kernels for the matmul-option, DMA and dynamic-addressing tests (test_matmul.py, test_dma.py);
imported by those files, never collected. Options arrive as compile-time strings and tuples."""

import nki
import nki.isa as nisa
import nki.language as nl
from kernel_io import load, store


def evict(acc, dtype=nl.float32):
    t = nl.ndarray(acc.shape, dtype=dtype, buffer=nl.sbuf)
    nisa.tensor_copy(dst=t, src=acc)
    return store(t)


@nki.jit
def matmul(s, m, in_dtype, onezero):
    ts = load(s, getattr(nl, in_dtype))
    tm = load(m, getattr(nl, in_dtype))
    acc = nl.ndarray((s.shape[1], m.shape[1]), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=ts, moving=tm, is_stationary_onezero=onezero, is_moving_onezero=onezero)
    return evict(acc)


@nki.jit
def matmul_tiled(s, m, row_size, col_size):
    """Every (row, column) tile of the array gets its own independent matmul: s[K, M] is split into
    row_size x col_size blocks, block (i, j) multiplies into its own PSUM tile at tile_position
    (i * row_size, j * col_size). Returns the stacked results."""
    K, M = s.shape
    N = m.shape[1]
    out = nl.ndarray((K // row_size, M // col_size, col_size, N), dtype=nl.float32, buffer=nl.shared_hbm)
    for i in nl.static_range(K // row_size):
        for j in nl.static_range(M // col_size):
            ts = nl.ndarray((row_size, col_size), dtype=nl.bfloat16, buffer=nl.sbuf)
            nisa.dma_copy(dst=ts, src=s[i * row_size:(i + 1) * row_size, j * col_size:(j + 1) * col_size])
            tm = nl.ndarray((row_size, N), dtype=nl.bfloat16, buffer=nl.sbuf)
            nisa.dma_copy(dst=tm, src=m[i * row_size:(i + 1) * row_size, :])
            acc = nl.ndarray((col_size, N), dtype=nl.float32, buffer=nl.psum)
            nisa.nc_matmul(dst=acc, stationary=ts, moving=tm, tile_position=(i * row_size, j * col_size),
                           tile_size=(row_size, col_size))
            t = nl.ndarray((col_size, N), dtype=nl.float32, buffer=nl.sbuf)
            nisa.tensor_copy(dst=t, src=acc)
            nisa.dma_copy(dst=out[i, j], src=t)
    return out


@nki.jit
def matmul_double_row(s, m, s_dtype, m_dtype):
    """s: [K, 2, M], m: [K, 2, N] fp8 -> [M, N] contracting over K and the 2."""
    ts = load(s, getattr(nl, s_dtype))
    tm = load(m, getattr(nl, m_dtype))
    acc = nl.ndarray((s.shape[2], m.shape[2]), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=ts, moving=tm, perf_mode=nisa.matmul_perf_mode.double_row)
    return evict(acc)


@nki.jit
def matmul_transpose(s, ident, in_dtype, out_dtype):
    """nc_matmul(is_transpose=True) with stationary = data, moving = identity (or a permutation)."""
    ts = load(s, getattr(nl, in_dtype))
    ti = load(ident, getattr(nl, in_dtype))
    acc = nl.ndarray((s.shape[1], ident.shape[1]), dtype=getattr(nl, out_dtype), buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=ts, moving=ti, is_transpose=True)
    return evict(acc, getattr(nl, out_dtype))


@nki.jit
def transpose(a, engine):
    ta = load(a)
    buf = nl.psum if engine == "tensor" else nl.sbuf
    t = nl.ndarray((a.shape[1], a.shape[0]), dtype=a.dtype, buffer=buf)
    nisa.nc_transpose(dst=t, data=ta, engine=getattr(nisa.engine, engine))
    return evict(t, a.dtype)


@nki.jit
def gather_rows(data, indices, oob):
    """dst[p, :] = data[indices[p], :] by a vector_offset DMA (oob: "error" or "skip"; skipped rows
    keep the dst's previous value, memset to -1 here)."""
    P, F = indices.shape[0], data.shape[1]
    idx = nl.ndarray((P, 1), dtype=indices.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=idx, src=indices)
    t = nl.ndarray((P, F), dtype=data.dtype, buffer=nl.sbuf)
    nisa.memset(dst=t, value=-1)
    nisa.dma_copy(dst=t, src=data.ap(pattern=[[F, P], [1, F]], vector_offset=idx, indirect_dim=0),
                  oob_mode=getattr(nisa.oob_mode, oob))
    return store(t)


@nki.jit
def scatter_rows(src_data, indices, out_rows, oob):
    """out[indices[p], :] = src[p, :] by a vector_offset DMA into a zeroed HBM tensor."""
    P, F = src_data.shape
    out = nl.ndarray((out_rows, F), dtype=src_data.dtype, buffer=nl.shared_hbm)
    z = nl.ndarray((1, out_rows * F), dtype=src_data.dtype, buffer=nl.sbuf)
    nisa.memset(dst=z, value=0)
    nisa.dma_copy(dst=out, src=z)
    t = load(src_data)
    idx = load(indices)
    nisa.dma_copy(dst=out.ap(pattern=[[F, P], [1, F]], vector_offset=idx, indirect_dim=0), src=t,
                  oob_mode=getattr(nisa.oob_mode, oob))
    return out


@nki.jit
def dynamic_slice(data, start, rows, use_register, dim):
    """rows consecutive rows (dim=0) or a [P, rows] column block (dim=1) of data starting at the
    runtime index start[0, 0], through scalar_offset (a register or the [1,1] SBUF tensor)."""
    s = load(start)
    if dim == 0:
        F = data.shape[1]
        pattern = [[F, rows], [1, F]]
        shape = (rows, F)
    else:
        P, F = data.shape
        pattern = [[F, P], [1, rows]]
        shape = (P, rows)
    off = s
    if use_register:
        off = nisa.register_alloc()
        nisa.register_load(off, s)
    t = nl.ndarray(shape, dtype=data.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=data.ap(pattern=pattern, offset=0, scalar_offset=off, indirect_dim=dim))
    return store(t)


@nki.jit
def dynamic_loop_rows(data, n):
    """Copies row i of data to row i of the output for i in a runtime loop (n iterations), with the loop's
    register as the scalar_offset of both sides."""
    R, F = data.shape
    out = nl.ndarray((R, F), dtype=data.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray((1, F), dtype=data.dtype, buffer=nl.sbuf)
    for i in nl.dynamic_range(n):
        nisa.dma_copy(dst=t, src=data.ap(pattern=[[F, 1], [1, F]], offset=0, scalar_offset=i, indirect_dim=0))
        nisa.dma_copy(dst=out.ap(pattern=[[F, 1], [1, F]], offset=0, scalar_offset=i, indirect_dim=0), src=t)
    return out


@nki.jit
def dma_transpose(a, in_sbuf, dge):
    """dst = a permuted ((1,0) / (2,1,0) / (3,1,2,0) by rank), from HBM or from an SBUF copy."""
    src = load(a) if in_sbuf else a
    perm = [None, None, (1, 0), (2, 1, 0), (3, 1, 2, 0)][len(a.shape)]
    t = nl.ndarray(tuple(a.shape[i] for i in perm), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=src, axes=perm, dge_mode=getattr(nisa.dge_mode, dge))
    return store(t)


@nki.jit
def gather_transpose(data, indices, oob):
    """dst = data[indices.T.flatten()[:R], :].T with R = indices.size, through a vector_offset src."""
    P, C = indices.shape
    R, F = P * C, data.shape[1]
    idx = load(indices)
    t = nl.ndarray((F, R), dtype=data.dtype, buffer=nl.sbuf)
    nisa.memset(dst=t, value=0)
    nisa.dma_transpose(dst=t, src=data.ap(pattern=[[F, R], [1, F]], vector_offset=idx, indirect_dim=0),
                       axes=(1, 0), oob_mode=getattr(nisa.oob_mode, oob))
    return store(t)


@nki.jit
def dma_compute_sum(a, b, c, n, out_dtype, stage_in_sbuf):
    """dst = a + b (+ c when n == 3) by the DMA engines; stage_in_sbuf[i] loads source i into SBUF first."""
    srcs = []
    for i, x in enumerate([a, b, c][:n]):
        srcs.append(load(x) if stage_in_sbuf[i] else x)
    t = nl.ndarray(a.shape, dtype=getattr(nl, out_dtype), buffer=nl.sbuf)
    nisa.dma_compute(dst=t, srcs=srcs, reduce_op=nl.add, scales=[1.0] * n)
    return store(t)


@nki.jit
def scatter_add(base, src_data, indices, oob):
    """out = base; out[indices[p], :] += src[p, :] by a read-modify-write dma_compute."""
    R, F = base.shape
    P = src_data.shape[0]
    out = nl.ndarray((R, F), dtype=base.dtype, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out, src=base)
    t = load(src_data)
    idx = load(indices)
    rows = out.ap(pattern=[[F, P], [1, F]], vector_offset=idx, indirect_dim=0)
    nisa.dma_compute(dst=rows, srcs=[rows, t], reduce_op=nl.add, oob_mode=getattr(nisa.oob_mode, oob))
    return out


@nki.jit
def gather_add(acc, data, indices):
    """acc[p, :] + data[indices[p], :] by a read-modify-write dma_compute into SBUF."""
    P, F = acc.shape
    t = load(acc)
    idx = load(indices)
    nisa.dma_compute(dst=t, srcs=[t, data.ap(pattern=[[F, P], [1, F]], vector_offset=idx, indirect_dim=0)],
                     reduce_op=nl.add)
    return store(t)


@nki.jit
def dynamic_tensor_copy(a, start, n):
    """A compute-engine copy of columns start..start+n of an SBUF tile, start a runtime register
    (the old tensor_copy_dynamic_src)."""
    P, F = a.shape
    t = load(a)
    s = load(start)
    r = nisa.register_alloc()
    nisa.register_load(r, s)
    d = nl.ndarray((P, n), dtype=a.dtype, buffer=nl.sbuf)
    nisa.tensor_copy(dst=d, src=t.ap(pattern=[[F, P], [1, n]], offset=0, scalar_offset=r, indirect_dim=1))
    return store(d)


@nki.jit
def cast_copy(a, out_dtype, dge):
    """HBM -> SBUF in a's dtype, then SBUF -> HBM casting to out_dtype in the DMA."""
    t = load(a)
    out = nl.ndarray(a.shape, dtype=getattr(nl, out_dtype), buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out, src=t, dge_mode=getattr(nisa.dge_mode, dge))
    return out


@nki.jit
def matmul_strided(s, m):
    """nc_matmul of s[:, 0::2] (stationary) and m[:, 1::3] (moving): strided SBUF operands."""
    ts = load(s)
    tm = load(m)
    M = (s.shape[1] + 1) // 2
    N = (m.shape[1] - 1 + 2) // 3
    acc = nl.ndarray((M, N), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=ts[:, 0:s.shape[1]:2], moving=tm[:, 1:m.shape[1]:3])
    return evict(acc)


@nki.jit
def matmul_broadcast_moving(s, v, n):
    """nc_matmul with the moving operand a [K,1] tile broadcast to n columns (stride 0)."""
    ts = load(s)
    tv = load(v)
    acc = nl.ndarray((s.shape[1], n), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=ts, moving=tv.broadcast(1, n))
    return evict(acc)

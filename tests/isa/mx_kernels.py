"""Kernels for test_mx.py (imported, never collected): the NeuronCore-v4 instructions exponential,
activate2 and quantize_mx, the float8_e8m0fnu conversions and the packed MX dtypes' storage paths, with
dtypes and commands passed as strings and looked up inside the kernel."""

import nki
import nki.isa as nisa
import nki.language as nl
from kernel_io import load, store


@nki.jit
def exponential(a, max_value, out_dtype, cmd, init):
    """exp(a - max_value); max_value a number or [P,1] array; reduce_res read out unless cmd is ""
    (the default, idle); init: None, a number or a [P,1] array (reduce_init)."""
    ta = load(a)
    mx = max_value if isinstance(max_value, float) else load(max_value)
    P, F = a.shape
    t = nl.ndarray((P, F), dtype=out_dtype, buffer=nl.sbuf)
    r = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.memset(dst=r, value=0.0)
    if cmd == "":
        nisa.exponential(dst=t, src=ta, max_value=mx)
    else:
        x = init
        if init != None and not isinstance(init, float):  # noqa: E711 (NKI has no `is`)
            x = load(init)
        if x == None:  # noqa: E711
            nisa.exponential(t, ta, mx, reduce_res=r, reduce_cmd=getattr(nisa.reduce_cmd, cmd))
        else:
            nisa.exponential(t, ta, mx, reduce_res=r, reduce_cmd=getattr(nisa.reduce_cmd, cmd), reduce_init=x)
    return store(t), store(r)


@nki.jit
def exponential_chain(a, b):
    """Sum of exp over a then b: reset_reduce, then reduce (the accumulators carry over); a
    tensor_scalar_reduce between them would share the same registers."""
    ta = load(a)
    tb = load(b)
    P, F = a.shape
    t = nl.ndarray((P, F), dtype=nl.float32, buffer=nl.sbuf)
    r = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.exponential(dst=t, src=ta, reduce_cmd=nisa.reduce_cmd.reset_reduce)
    nisa.exponential(dst=t, src=tb, reduce_res=r, reduce_cmd=nisa.reduce_cmd.reduce)
    return store(r)


@nki.jit
def activate2(a, fn, imm0, imm1, op0, op1, reverse0, reverse1, slope, reduce_op, cmd):
    """activate2 of a; fn, op0, op1 and reduce_op by name (reduce_op "" for none), imm0, imm1 and
    slope numbers or [P,1] arrays; the Scalar accumulators are read out after cmd."""
    ta = load(a)
    i0 = imm0 if isinstance(imm0, float) else load(imm0)
    i1 = imm1 if isinstance(imm1, float) else load(imm1)
    rp = slope if isinstance(slope, float) else load(slope)
    P, F = a.shape
    t = nl.ndarray((P, F), dtype=nl.float32, buffer=nl.sbuf)
    r = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.memset(dst=r, value=0.0)
    rop = None
    if reduce_op != "":
        rop = getattr(nl, reduce_op)
    nisa.activate2(dst=t, op=getattr(nl, fn), data=ta, imm0=i0, imm1=i1, op0=getattr(nl, op0),
                   op1=getattr(nl, op1), relu_param=rp, reverse0=reverse0, reverse1=reverse1, reduce_op=rop,
                   reduce_res=r, reduce_cmd=getattr(nisa.reduce_cmd, cmd))
    return store(t), store(r)


@nki.jit
def activate2_after_activation(a):
    """activation's sum (reset_reduce) continued by activate2's max (reduce): one set of registers."""
    ta = load(a)
    P, F = a.shape
    t = nl.ndarray((P, F), dtype=nl.float32, buffer=nl.sbuf)
    r = nl.ndarray((P, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.activation(dst=t, op=nl.copy, data=ta, reduce_op=nl.add, reduce_cmd=nisa.reduce_cmd.reset_reduce)
    nisa.activate2(t, nl.copy, ta, 1.0, 0.0, nl.multiply, nl.add, reduce_op=nl.maximum, reduce_res=r,
                   reduce_cmd=nisa.reduce_cmd.reduce)
    return store(r)


@nki.jit
def quantize(a, src_dtype, elem, scale_dtype, scale_parts=0):
    """quantize_mx of a (converted to src_dtype on the load) to packed `elem`; the scale tile is
    [P, F/4] when P > 32, else [P/8, F/4] (or scale_parts partitions), zeroed first."""
    P, F = a.shape
    ta = load(a, getattr(nl, src_dtype))
    q = nl.ndarray((P, F // 4), dtype=getattr(nl, elem), buffer=nl.sbuf)
    sp = P if P > 32 else P // 8
    if scale_parts > 0:
        sp = scale_parts
    s = nl.ndarray((sp, F // 4), dtype=getattr(nl, scale_dtype), buffer=nl.sbuf)
    nisa.memset(dst=s, value=0)
    nisa.quantize_mx(dst=q, src=ta, dst_scale=s)
    return store(q), store(s)


@nki.jit
def convert(a, dtype):
    """a through an SBUF tile of `dtype` (DMA casts both ways), back as float32."""
    t = load(a, getattr(nl, dtype))
    back = nl.ndarray(a.shape, dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=back, src=t)
    return store(back)


@nki.jit
def packed_roundtrip(bits, dtype):
    """`bits` (uint32/uint16 words of packed dtype `dtype`) through SBUF, and a memset-0 tile."""
    t = nl.ndarray(bits.shape, dtype=getattr(nl, dtype), buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=bits)
    z = nl.ndarray(bits.shape, dtype=getattr(nl, dtype), buffer=nl.sbuf)
    nisa.memset(dst=z, value=0)
    return store(t), store(z)


@nki.jit
def matmul_mx(st, mv, sscale, mscale, out_dtype, twice):
    """nc_matmul_mx of host-packed operands and scales into PSUM (accumulate default), a second
    accumulate=True pass when `twice`, read back as float32."""
    K, M = st.shape
    N = mv.shape[1]
    ts = load(st)
    tm = load(mv)
    tss = load(sscale)
    tms = load(mscale)
    p = nl.ndarray((M, N), dtype=getattr(nl, out_dtype), buffer=nl.psum)
    nisa.nc_matmul_mx(dst=p, stationary=ts, moving=tm, stationary_scale=tss, moving_scale=tms)
    if twice:
        nisa.nc_matmul_mx(p, ts, tm, tss, tms, accumulate=True)
    o = nl.ndarray((M, N), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=o, src=p)
    return store(o)


@nki.jit
def quantize_matmul(x, y, elem, row_tile):
    """x [K, 4M] and y [K, 4N] (bf16) quantized by quantize_mx, then nc_matmul_mx; with row_tile,
    in PE row tile (row_tile, 0) of size K."""
    K, FX = x.shape
    FY = y.shape[1]
    tx = load(x, nl.bfloat16)
    ty = load(y, nl.bfloat16)
    sp = K if K > 32 else K // 8
    qx = nl.ndarray((K, FX // 4), dtype=getattr(nl, elem), buffer=nl.sbuf)
    qy = nl.ndarray((K, FY // 4), dtype=getattr(nl, elem), buffer=nl.sbuf)
    sx = nl.ndarray((sp, FX // 4), dtype=nl.float8_e8m0fnu, buffer=nl.sbuf)
    sy = nl.ndarray((sp, FY // 4), dtype=nl.float8_e8m0fnu, buffer=nl.sbuf)
    nisa.quantize_mx(dst=qx, src=tx, dst_scale=sx)
    nisa.quantize_mx(dst=qy, src=ty, dst_scale=sy)
    p = nl.ndarray((FX // 4, FY // 4), dtype=nl.float32, buffer=nl.psum)
    if row_tile < 0:
        nisa.nc_matmul_mx(dst=p, stationary=qx, moving=qy, stationary_scale=sx, moving_scale=sy)
    else:
        nisa.nc_matmul_mx(dst=p, stationary=qx, moving=qy, stationary_scale=sx, moving_scale=sy,
                          tile_position=(row_tile, 0), tile_size=(K, 128))
    o = nl.ndarray((FX // 4, FY // 4), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=o, src=p)
    return store(o)


@nki.jit
def quantize_matmul_3d(x, y):
    """The nki-library layout: 3-D tiles [K, G, F] quantized with scale tiles of the data's shape
    (also for K = 32), then one nc_matmul_mx per group g (views [:, g, :])."""
    K, G, FX = x.shape
    FY = y.shape[2]
    tx = load(x, nl.bfloat16)
    ty = load(y, nl.bfloat16)
    qx = nl.ndarray((K, G, FX // 4), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    sx = nl.ndarray(qx.shape, dtype=nl.uint8, buffer=nl.sbuf)
    qy = nl.ndarray((K, G, FY // 4), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    sy = nl.ndarray(qy.shape, dtype=nl.uint8, buffer=nl.sbuf)
    nisa.quantize_mx(dst=qx, src=tx, dst_scale=sx)
    nisa.quantize_mx(dst=qy, src=ty, dst_scale=sy)
    p = nl.ndarray((FX // 4, FY // 4), dtype=nl.float32, buffer=nl.psum)
    for g in nl.affine_range(G):
        nisa.nc_matmul_mx(dst=p, stationary=qx[:, g, :], moving=qy[:, g, :], stationary_scale=sx[:, g, :],
                          moving_scale=sy[:, g, :])
    o = nl.ndarray((FX // 4, FY // 4), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=o, src=p)
    return store(o)


@nki.jit
def exponential_patterns(a, v):
    """exp over every other column of a into every other column of dst (strided, max_value a
    [P,1] tile), and exp of the [P,1] tile v broadcast along 6 columns (a stride-0 pattern)."""
    ta = load(a)
    tv = load(v)
    P, F = a.shape
    t = nl.ndarray((P, F), dtype=nl.float32, buffer=nl.sbuf)
    nisa.memset(dst=t, value=0.0)
    nisa.exponential(dst=t[:, 1:F:2], src=ta[:, 0:F:2], max_value=tv)
    b = nl.ndarray((P, 6), dtype=nl.float32, buffer=nl.sbuf)
    nisa.exponential(dst=b, src=tv.broadcast(1, 6), max_value=-1.0)
    return store(t), store(b)


@nki.jit
def quantize_strided(a):
    """quantize_mx of every other group of 4 columns of a (a strided [P, F/8, 4] view) into every
    other packed column of dst; scales in the tile's first F/8 columns."""
    P, F = a.shape
    ta = load(a, nl.bfloat16)
    v = ta.reshape((P, F // 4, 4))
    q = nl.ndarray((P, F // 4), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    nisa.memset(dst=q, value=0)
    s = nl.ndarray((P, F // 8), dtype=nl.uint8, buffer=nl.sbuf)
    nisa.quantize_mx(dst=q[:, 0:F // 4:2], src=v[:, 0:F // 4:2, :], dst_scale=s)
    return store(q), store(s)


@nki.jit
def matmul_mx_patterns(st, mv, sscale, mscale):
    """nc_matmul_mx of moving's even columns (strided data and scale views), then of all of
    moving with column 0 of mscale broadcast to every column (stride 0)."""
    K, M = st.shape
    N2 = mv.shape[1]
    ts = load(st)
    tm = load(mv)
    tss = load(sscale)
    tms = load(mscale)
    p = nl.ndarray((M, N2 // 2), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul_mx(dst=p, stationary=ts, moving=tm[:, 0:N2:2], stationary_scale=tss,
                      moving_scale=tms[:, 0:N2:2])
    q = nl.ndarray((M, N2), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul_mx(dst=q, stationary=ts, moving=tm, stationary_scale=tss,
                      moving_scale=tms[:, 0:1].broadcast(1, N2))
    o = nl.ndarray((M, N2 // 2), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=o, src=p)
    o2 = nl.ndarray((M, N2), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=o2, src=q)
    return store(o), store(o2)

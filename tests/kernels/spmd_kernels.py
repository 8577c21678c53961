"""LNC2 (kernel[2]) kernels for test_spmd.py: work split across the two NeuronCores by
nl.program_id(), tiles exchanged with nisa.sendrecv, shared HBM ordered with nisa.core_barrier.
Each kernel also runs as kernel[1] (one core doing all the work) unless it says otherwise."""
import nki
import nki.isa as nisa
import nki.language as nl


@nki.jit
def add_split(a, b):
    """a + b; the row tiles are split evenly over the cores (core c takes the c-th share)."""
    rows, cols = a.shape
    P = nl.tile_size.pmax
    n = nl.num_programs()
    pid = nl.program_id(0)
    tiles = rows // P // n
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    for i in nl.affine_range(tiles):
        r = nl.ds((pid * tiles + i) * P, P)
        ta = nl.ndarray((P, cols), dtype=a.dtype, buffer=nl.sbuf)
        tb = nl.ndarray((P, cols), dtype=b.dtype, buffer=nl.sbuf)
        nisa.dma_copy(dst=ta, src=a[r, :])
        nisa.dma_copy(dst=tb, src=b[r, :])
        nisa.tensor_tensor(dst=ta, data1=ta, data2=tb, op=nl.add)
        nisa.dma_copy(dst=out[r, :], src=ta)
    return out


@nki.jit
def matmul_split(x, y):
    """x @ y for x [128, K], y [K, N]; the N columns are split over the cores (N/cores <= 512)."""
    K = x.shape[1]
    N = y.shape[1]
    n = nl.num_programs()
    pid = nl.program_id(0)
    w = N // n
    out = nl.ndarray((x.shape[0], N), dtype=nl.float32, buffer=nl.shared_hbm)
    xT = nl.ndarray((K, x.shape[0]), dtype=x.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=xT, src=x.ap(pattern=[[1, K], [K, x.shape[0]]], offset=0))
    ys = nl.ndarray((K, w), dtype=y.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=ys, src=y[:, nl.ds(pid * w, w)])
    acc = nl.ndarray((x.shape[0], w), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=xT, moving=ys)
    res = nl.ndarray((x.shape[0], w), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=res, src=acc)
    nisa.dma_copy(dst=out[:, nl.ds(pid * w, w)], src=res)
    return out


@nki.jit
def exchange(a):
    """a [256, F]: core c holds block c (rows c*128..), receives the other core's block through
    sendrecv and writes 10 * mine + theirs into its block of the output. LNC2 only."""
    P = nl.tile_size.pmax
    F = a.shape[1]
    pid = nl.program_id(0)
    other = 1 - pid
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    mine = nl.ndarray((P, F), dtype=a.dtype, buffer=nl.sbuf)
    theirs = nl.ndarray((P, F), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=mine, src=a[nl.ds(pid * P, P), :])
    nisa.sendrecv(src=mine, dst=theirs, send_to_rank=other, recv_from_rank=other, pipe_id=0)
    res = nl.ndarray((P, F), dtype=a.dtype, buffer=nl.sbuf)
    nisa.scalar_tensor_tensor(dst=res, data=mine, op0=nl.multiply, operand0=10.0, op1=nl.add, operand1=theirs)
    nisa.dma_copy(dst=out[nl.ds(pid * P, P), :], src=res)
    return out


@nki.jit
def barrier_handoff(a, use_barrier=True, writer=1):
    """Core `writer` writes 2 * a into a shared scratch tensor; after the barrier the other core
    reads it and writes scratch + 1 to the output. LNC2 only."""
    pid = nl.program_id(0)
    scratch = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm, name="scratch")
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    if pid == writer:
        nisa.dma_copy(dst=t, src=a)
        nisa.tensor_scalar(dst=t, data=t, op0=nl.multiply, operand0=2.0)
        nisa.dma_copy(dst=scratch, src=t)
    if use_barrier:
        nisa.core_barrier(data=scratch, cores=(0, 1))
    if pid != writer:
        nisa.dma_copy(dst=t, src=scratch)
        nisa.tensor_scalar(dst=t, data=t, op0=nl.add, operand0=1.0)
        nisa.dma_copy(dst=out, src=t)
    return out


@nki.jit
def allgather_columns(a):
    """a [128, F]: core c loads column half c into its own full-width tile, receives the other
    half from the other core into the same tile (src and dst are slices of one tile, the pattern
    of the nki-library's sharded norms), doubles it, and core 0 stores the whole tile. LNC2 only."""
    P, F = a.shape
    h = F // 2
    pid = nl.program_id(0)
    other = 1 - pid
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    full = nl.ndarray((P, F), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=full[:, nl.ds(pid * h, h)], src=a[:, nl.ds(pid * h, h)])
    nisa.sendrecv(src=full[:, nl.ds(pid * h, h)], dst=full[:, nl.ds(other * h, h)], send_to_rank=other,
                  recv_from_rank=other, pipe_id=3)
    nisa.tensor_scalar(dst=full, data=full, op0=nl.multiply, operand0=2.0)
    if pid == 0:
        nisa.dma_copy(dst=out, src=full)
    return out


@nki.jit
def ping_pong(x, count):
    """x [256, F], count [1, 1] int32: core c starts from its block of x and, count times in a
    runtime loop, adds the other core's current tile (received through sendrecv) to its own.
    Each core writes its block of the result. LNC2 only."""
    P = nl.tile_size.pmax
    F = x.shape[1]
    pid = nl.program_id(0)
    other = 1 - pid
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    mine = nl.ndarray((P, F), dtype=x.dtype, buffer=nl.sbuf)
    theirs = nl.ndarray((P, F), dtype=x.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=mine, src=x[nl.ds(pid * P, P), :])
    n = nisa.register_alloc()
    nisa.register_load(dst=n, src=count)
    for i in nl.dynamic_range(n):
        nisa.sendrecv(src=mine, dst=theirs, send_to_rank=other, recv_from_rank=other, pipe_id=0)
        nisa.tensor_tensor(dst=mine, data1=mine, data2=theirs, op=nl.add)
    nisa.dma_copy(dst=out[nl.ds(pid * P, P), :], src=mine)
    return out


@nki.jit
def rotate(a):
    """a [128 * n, F] for kernel[n]: core c's block goes to core (c + 1) % n, which writes it to
    its own block of the output (with one core, the core exchanges with itself)."""
    P = nl.tile_size.pmax
    n = nl.num_programs()
    pid = nl.program_id(0)
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    mine = nl.ndarray((P, a.shape[1]), dtype=a.dtype, buffer=nl.sbuf)
    got = nl.ndarray((P, a.shape[1]), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=mine, src=a[nl.ds(pid * P, P), :])
    nisa.sendrecv(src=mine, dst=got, send_to_rank=(pid + 1) % n, recv_from_rank=(pid + n - 1) % n, pipe_id=0)
    nisa.dma_copy(dst=out[nl.ds(pid * P, P), :], src=got)
    return out


@nki.jit
def double_in_place(a):
    """a *= 2 in place, each core its share of the row tiles; returns the row sums of the
    doubled tensor so the kernel has an output."""
    rows, cols = a.shape
    P = nl.tile_size.pmax
    n = nl.num_programs()
    pid = nl.program_id(0)
    tiles = rows // P // n
    out = nl.ndarray((rows, 1), dtype=a.dtype, buffer=nl.shared_hbm)
    for i in nl.affine_range(tiles):
        r = nl.ds((pid * tiles + i) * P, P)
        t = nl.ndarray((P, cols), dtype=a.dtype, buffer=nl.sbuf)
        s = nl.ndarray((P, 1), dtype=a.dtype, buffer=nl.sbuf)
        nisa.dma_copy(dst=t, src=a[r, :])
        nisa.tensor_scalar(dst=t, data=t, op0=nl.multiply, operand0=2.0)
        nisa.tensor_reduce(dst=s, data=t, op=nl.add, axis=1)
        nisa.dma_copy(dst=a[r, :], src=t)
        nisa.dma_copy(dst=out[r, :], src=s)
    return out

"""Kernels for test_language_rest.py: nl.rand / nl.random_seed, nl.gather_flattened, tensors
indexed with a VirtualRegister start (nl.ds(reg, size), t[reg]) and nisa.get_nc_sub_version."""
import nki
import nki.isa as nisa
import nki.language as nl


@nki.jit
def rand(parts, free, seed, dtype, draws, in_psum):
    """`draws` consecutive nl.rand tiles side by side; seed < 0: no nl.random_seed (the run's
    seed), else the generator is seeded from a [1,1] int32 tile holding `seed`."""
    out = nl.ndarray((parts, draws * free), dtype=dtype, buffer=nl.shared_hbm)
    if seed >= 0:
        s = nl.full((1, 1), seed, dtype=nl.int32, buffer=nl.sbuf)
        nl.random_seed(s)
    for d in range(draws):
        if in_psum:
            r = nl.copy(nl.rand((parts, free), dtype=dtype, buffer=nl.psum))
        else:
            r = nl.rand((parts, free), dtype=dtype)
        nl.store(out[:, nl.ds(d * free, free)], r)
    return out


@nki.jit
def reseeded(parts, free, seed):
    """The same seed set twice: both draws must be equal."""
    out = nl.ndarray((parts, 2 * free), dtype=nl.float32, buffer=nl.shared_hbm)
    s = nl.full((1, 1), seed, dtype=nl.uint32, buffer=nl.sbuf)
    for d in range(2):
        nl.random_seed(s)
        nl.store(out[:, nl.ds(d * free, free)], nl.rand((parts, free), dtype=nl.float32))
    return out


@nki.jit
def gather_flattened(data, indices, dtype):
    out = nl.ndarray(indices.shape, dtype=dtype, buffer=nl.shared_hbm)
    g = nl.gather_flattened(nl.load(data), nl.load(indices), dtype=dtype)
    nl.store(out, g)
    return out


@nki.jit
def gather_flattened_psum(x, w, indices):
    """Gathers from a matmul result still in PSUM (copied to SBUF by the expansion)."""
    out = nl.ndarray(indices.shape, dtype=nl.float32, buffer=nl.shared_hbm)
    prod = nl.matmul(nl.load(x), nl.load(w), transpose_x=True)
    nl.store(out, nl.gather_flattened(prod, nl.load(indices)))
    return out


@nki.jit
def dynamic_row_tiles(a, tile):
    """out = 2 * a, tile rows at a time in a runtime loop: a[nl.ds(i, tile), :] in HBM on both sides."""
    R, F = a.shape
    out = nl.ndarray((R, F), dtype=a.dtype, buffer=nl.shared_hbm)
    for i in nl.dynamic_range(0, R, tile):
        t = nl.ndarray((tile, F), dtype=a.dtype, buffer=nl.sbuf)
        nisa.dma_copy(dst=t, src=a[nl.ds(i, tile), :])
        nisa.tensor_scalar(dst=t, data=t, op0=nl.multiply, operand0=2.0)
        nisa.dma_copy(dst=out[nl.ds(i, tile), :], src=t)
    return out


@nki.jit
def dynamic_columns(a, start, n, col0):
    """Columns start..start+n of a[:, col0:] (an SBUF view), start read at run time."""
    P, F = a.shape
    out = nl.ndarray((P, n), dtype=a.dtype, buffer=nl.shared_hbm)
    s = nl.ndarray((1, 1), dtype=nl.int32, buffer=nl.sbuf)
    nisa.dma_copy(dst=s, src=start)
    r = nisa.register_alloc()
    nisa.register_load(r, s)
    t = nl.load(a)
    d = nl.ndarray((P, n), dtype=a.dtype, buffer=nl.sbuf)
    nisa.tensor_copy(dst=d, src=t[:, col0:][:, nl.ds(r, n)])
    nl.store(out, d)
    return out


@nki.jit
def dynamic_plane(a, k):
    """a is [K, P, F]: plane k (a register index, dropping the dim) of it."""
    K, P, F = a.shape
    out = nl.ndarray((P, F), dtype=a.dtype, buffer=nl.shared_hbm)
    s = nl.ndarray((1, 1), dtype=nl.int32, buffer=nl.sbuf)
    nisa.dma_copy(dst=s, src=k)
    r = nisa.register_alloc()
    nisa.register_load(r, s)
    t = nl.ndarray((P, F), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a[r])
    nisa.dma_copy(dst=out, src=t)
    return out


@nki.jit
def dynamic_skip(a, start):
    """a[nl.ds(start, 16), :] copied with oob_mode=skip into a tile of 7s: a start that takes the slice
    out of a's rows skips the whole copy (the tile stays 7)."""
    R, F = a.shape
    out = nl.ndarray((16, F), dtype=a.dtype, buffer=nl.shared_hbm)
    s = nl.ndarray((1, 1), dtype=nl.int32, buffer=nl.sbuf)
    nisa.dma_copy(dst=s, src=start)
    r = nisa.register_alloc()
    nisa.register_load(r, s)
    t = nl.full((16, F), 7.0, dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a[nl.ds(r, 16), :], oob_mode=nisa.oob_mode.skip)
    nisa.dma_copy(dst=out, src=t)
    return out


@nki.jit
def sub_version():
    out = nl.ndarray((1, 1), dtype=nl.int32, buffer=nl.shared_hbm)
    t = nl.full((1, 1), 10 + nisa.get_nc_sub_version(), dtype=nl.int32, buffer=nl.sbuf)
    nl.store(out, t)
    return out


@nki.jit
def shared_constant_add(a, path):
    """a + the constant table at `path` (an .npy file of a's shape), read by DMA from shared HBM."""
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    table = nl.shared_constant(path)
    nl.store(out, nl.add(nl.load(a), nl.load(table)))
    return out


@nki.jit
def shared_constant_copy(path, rows, cols):
    """The constant's first rows x cols block, copied out (also checks its shape and dtype)."""
    table = nl.shared_constant(path)
    out = nl.ndarray((rows, cols), dtype=table.dtype, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out, src=table[0:rows, 0:cols])
    return out

"""Calibration kernels: the four optimization steps of a large matrix multiplication, with the
loop and tiling structure of the published NKI matmul tutorials (hw-model.md §9.1, trn1 bf16; §9.2,
trn2 fp32): result[M, N] = lhsT[K, M].T @ rhs[K, N]. Written for nki's timing model; run with
`nki run ... --timing-only` (bench/calibration/calibrate.py).
"""
import nki
import nki.language as nl
import nki.isa as nisa

TILE_K = 128   # partitions: the contraction tile
TILE_M = 128   # stationary free size
TILE_N = 512   # moving free size: one PSUM bank of fp32


@nki.jit
def tiled(lhsT, rhs):
    """Step 1: every (m, n, k) loads its own lhsT and rhs tiles."""
    K, M = lhsT.shape
    _, N = rhs.shape
    result = nl.ndarray((M, N), dtype=lhsT.dtype, buffer=nl.shared_hbm)
    for m in nl.affine_range(M // TILE_M):
        for n in nl.affine_range(N // TILE_N):
            acc = nl.ndarray((TILE_M, TILE_N), dtype=nl.float32, buffer=nl.psum)
            for k in nl.affine_range(K // TILE_K):
                a = nl.ndarray((TILE_K, TILE_M), dtype=lhsT.dtype, buffer=nl.sbuf)
                b = nl.ndarray((TILE_K, TILE_N), dtype=rhs.dtype, buffer=nl.sbuf)
                nisa.dma_copy(dst=a, src=lhsT[nl.ds(k * TILE_K, TILE_K), nl.ds(m * TILE_M, TILE_M)])
                nisa.dma_copy(dst=b, src=rhs[nl.ds(k * TILE_K, TILE_K), nl.ds(n * TILE_N, TILE_N)])
                nisa.nc_matmul(dst=acc, stationary=a, moving=b, accumulate=(k > 0))
            res = nl.ndarray((TILE_M, TILE_N), dtype=lhsT.dtype, buffer=nl.sbuf)
            nisa.tensor_copy(dst=res, src=acc)
            nisa.dma_copy(dst=result[nl.ds(m * TILE_M, TILE_M), nl.ds(n * TILE_N, TILE_N)], src=res)
    return result


@nki.jit
def hoist_load(lhsT, rhs):
    """Step 2: the lhsT tiles of a row block are loaded once per m; rhs is reloaded per (m, n, k)."""
    K, M = lhsT.shape
    _, N = rhs.shape
    KT = K // TILE_K
    result = nl.ndarray((M, N), dtype=lhsT.dtype, buffer=nl.shared_hbm)
    for m in nl.affine_range(M // TILE_M):
        a = nl.ndarray((TILE_K, KT * TILE_M), dtype=lhsT.dtype, buffer=nl.sbuf)
        for k in nl.affine_range(KT):
            nisa.dma_copy(dst=a[:, nl.ds(k * TILE_M, TILE_M)],
                          src=lhsT[nl.ds(k * TILE_K, TILE_K), nl.ds(m * TILE_M, TILE_M)])
        for n in nl.affine_range(N // TILE_N):
            acc = nl.ndarray((TILE_M, TILE_N), dtype=nl.float32, buffer=nl.psum)
            for k in nl.affine_range(KT):
                b = nl.ndarray((TILE_K, TILE_N), dtype=rhs.dtype, buffer=nl.sbuf)
                nisa.dma_copy(dst=b, src=rhs[nl.ds(k * TILE_K, TILE_K), nl.ds(n * TILE_N, TILE_N)])
                nisa.nc_matmul(dst=acc, stationary=a[:, nl.ds(k * TILE_M, TILE_M)], moving=b, accumulate=(k > 0))
            res = nl.ndarray((TILE_M, TILE_N), dtype=lhsT.dtype, buffer=nl.sbuf)
            nisa.tensor_copy(dst=res, src=acc)
            nisa.dma_copy(dst=result[nl.ds(m * TILE_M, TILE_M), nl.ds(n * TILE_N, TILE_N)], src=res)
    return result


@nki.jit
def block_free(lhsT, rhs, tiles_m=2, tiles_n=2):
    """Step 3: blocks of tiles_m x tiles_n output tiles; lhsT loaded once per row block, the rhs
    tiles of a column block once per (row block, column block) and reused by every m tile."""
    K, M = lhsT.shape
    _, N = rhs.shape
    KT = K // TILE_K
    BM, BN = tiles_m * TILE_M, tiles_n * TILE_N
    result = nl.ndarray((M, N), dtype=lhsT.dtype, buffer=nl.shared_hbm)
    for m in nl.affine_range(M // BM):
        a = nl.ndarray((TILE_K, KT * BM), dtype=lhsT.dtype, buffer=nl.sbuf)
        for k in nl.affine_range(KT):
            nisa.dma_copy(dst=a[:, nl.ds(k * BM, BM)], src=lhsT[nl.ds(k * TILE_K, TILE_K), nl.ds(m * BM, BM)])
        for n in nl.affine_range(N // BN):
            b = nl.ndarray((TILE_K, tiles_n * KT * TILE_N), dtype=rhs.dtype, buffer=nl.sbuf)
            for bn in nl.affine_range(tiles_n):
                for k in nl.affine_range(KT):
                    col = (bn * KT + k) * TILE_N
                    nisa.dma_copy(dst=b[:, nl.ds(col, TILE_N)],
                                  src=rhs[nl.ds(k * TILE_K, TILE_K), nl.ds(n * BN + bn * TILE_N, TILE_N)])
            for bm in nl.affine_range(tiles_m):
                for bn in nl.affine_range(tiles_n):
                    acc = nl.ndarray((TILE_M, TILE_N), dtype=nl.float32, buffer=nl.psum)
                    for k in nl.affine_range(KT):
                        nisa.nc_matmul(dst=acc, stationary=a[:, nl.ds(k * BM + bm * TILE_M, TILE_M)],
                                       moving=b[:, nl.ds((bn * KT + k) * TILE_N, TILE_N)], accumulate=(k > 0))
                    res = nl.ndarray((TILE_M, TILE_N), dtype=lhsT.dtype, buffer=nl.sbuf)
                    nisa.tensor_copy(dst=res, src=acc)
                    nisa.dma_copy(dst=result[nl.ds(m * BM + bm * TILE_M, TILE_M), nl.ds(n * BN + bn * TILE_N, TILE_N)],
                                  src=res)
    return result


@nki.jit
def block_all(lhsT, rhs, tiles_m=16, tiles_n=2, tiles_k=8):
    """Step 4: blocked M, N and K. Per column block, the partial results of every row stay in SBUF
    and the Vector Engine adds each K block's PSUM tile into them; inputs are loaded in large
    blocks (long rows per partition) and each is reused by many matmuls."""
    K, M = lhsT.shape
    _, N = rhs.shape
    BM, BN, BK = tiles_m * TILE_M, tiles_n * TILE_N, tiles_k * TILE_K
    MT = M // TILE_M
    result = nl.ndarray((M, N), dtype=lhsT.dtype, buffer=nl.shared_hbm)
    for n in nl.affine_range(N // BN):
        part = nl.ndarray((TILE_M, MT * BN), dtype=lhsT.dtype, buffer=nl.sbuf)
        for kb in nl.affine_range(K // BK):
            b = nl.ndarray((TILE_K, tiles_k * BN), dtype=rhs.dtype, buffer=nl.sbuf)
            for bk in nl.affine_range(tiles_k):
                nisa.dma_copy(dst=b[:, nl.ds(bk * BN, BN)],
                              src=rhs[nl.ds(kb * BK + bk * TILE_K, TILE_K), nl.ds(n * BN, BN)])
            for m in nl.affine_range(M // BM):
                a = nl.ndarray((TILE_K, tiles_k * BM), dtype=lhsT.dtype, buffer=nl.sbuf)
                for bk in nl.affine_range(tiles_k):
                    nisa.dma_copy(dst=a[:, nl.ds(bk * BM, BM)],
                                  src=lhsT[nl.ds(kb * BK + bk * TILE_K, TILE_K), nl.ds(m * BM, BM)])
                for bn in nl.affine_range(tiles_n):
                    for bm in nl.affine_range(tiles_m):
                        acc = nl.ndarray((TILE_M, TILE_N), dtype=nl.float32, buffer=nl.psum)
                        for bk in nl.affine_range(tiles_k):
                            nisa.nc_matmul(dst=acc, stationary=a[:, nl.ds(bk * BM + bm * TILE_M, TILE_M)],
                                           moving=b[:, nl.ds(bk * BN + bn * TILE_N, TILE_N)], accumulate=(bk > 0))
                        dst = part[:, nl.ds((m * tiles_m + bm) * BN + bn * TILE_N, TILE_N)]
                        if kb == 0:
                            nisa.tensor_copy(dst=dst, src=acc)
                        else:
                            nisa.tensor_tensor(dst=dst, data1=dst, data2=acc, op=nl.add)
        for mt in nl.affine_range(MT):
            nisa.dma_copy(dst=result[nl.ds(mt * TILE_M, TILE_M), nl.ds(n * BN, BN)], src=part[:, nl.ds(mt * BN, BN)])
    return result

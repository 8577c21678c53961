"""Matrix multiplication on the Tensor Engine: result = lhsT.T @ rhs.

lhsT: [K, M] (the left operand, already transposed so the contraction dim K is the partition
dim), rhs: [K, N]. K and M are multiples of 128, N a multiple of 512. Inputs are typically
bfloat16; the result is float32, accumulated over K tiles in PSUM.
"""
import numpy as np

import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def matmul(lhsT, rhs):
    K, M = lhsT.shape
    K_rhs, N = rhs.shape
    assert K == K_rhs, f"lhsT and rhs must have the same contraction size, got {K} and {K_rhs}"

    TILE_K = nl.tile_size.pmax                   # 128: contraction tile (partitions)
    TILE_M = nl.tile_size.gemm_stationary_fmax   # 128: stationary free size
    TILE_N = nl.tile_size.gemm_moving_fmax       # 512: moving free size, one PSUM bank of fp32
    assert K % TILE_K == 0, f"K ({K}) must be a multiple of {TILE_K}"
    assert M % TILE_M == 0, f"M ({M}) must be a multiple of {TILE_M}"
    assert N % TILE_N == 0, f"N ({N}) must be a multiple of {TILE_N}"

    result = nl.ndarray((M, N), dtype=nl.float32, buffer=nl.shared_hbm)
    for m in nl.affine_range(M // TILE_M):
        for n in nl.affine_range(N // TILE_N):
            acc = nl.ndarray((TILE_M, TILE_N), dtype=nl.float32, buffer=nl.psum)
            for k in nl.affine_range(K // TILE_K):
                lhsT_tile = nl.ndarray((TILE_K, TILE_M), dtype=lhsT.dtype, buffer=nl.sbuf)
                rhs_tile = nl.ndarray((TILE_K, TILE_N), dtype=rhs.dtype, buffer=nl.sbuf)
                nisa.dma_copy(dst=lhsT_tile, src=lhsT[nl.ds(k * TILE_K, TILE_K), nl.ds(m * TILE_M, TILE_M)])
                nisa.dma_copy(dst=rhs_tile, src=rhs[nl.ds(k * TILE_K, TILE_K), nl.ds(n * TILE_N, TILE_N)])
                # The first matmul into acc overwrites it, the following ones accumulate.
                nisa.nc_matmul(dst=acc, stationary=lhsT_tile, moving=rhs_tile, accumulate=(k > 0))
            res = nl.ndarray((TILE_M, TILE_N), dtype=nl.float32, buffer=nl.sbuf)
            nisa.tensor_copy(dst=res, src=acc)
            nisa.dma_copy(dst=result[nl.ds(m * TILE_M, TILE_M), nl.ds(n * TILE_N, TILE_N)], src=res)
    return result


def reference(lhsT, rhs):
    """NumPy reference: the product of the inputs' values in float32."""
    return lhsT.astype(np.float32).T @ rhs.astype(np.float32)

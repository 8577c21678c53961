"""Element-wise addition of two HBM tensors, tiled over 128-row blocks.

a, b: [R, F] with R a multiple of 128 (the partition count) and F elements per row that fit in
one SBUF partition. Returns a + b in a's dtype.
"""
import numpy as np

import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def tensor_add(a, b):
    assert a.shape == b.shape, f"a and b must have the same shape, got {a.shape} and {b.shape}"
    rows, cols = a.shape
    P = nl.tile_size.pmax
    assert rows % P == 0, f"the row count ({rows}) must be a multiple of {P}"

    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    for i in nl.affine_range(rows // P):
        rows_i = nl.ds(i * P, P)
        ta = nl.ndarray((P, cols), dtype=a.dtype, buffer=nl.sbuf)
        tb = nl.ndarray((P, cols), dtype=b.dtype, buffer=nl.sbuf)
        nisa.dma_copy(dst=ta, src=a[rows_i, :])
        nisa.dma_copy(dst=tb, src=b[rows_i, :])
        nisa.tensor_tensor(dst=ta, data1=ta, data2=tb, op=nl.add)
        nisa.dma_copy(dst=out[rows_i, :], src=ta)
    return out


def reference(a, b):
    """NumPy reference: the sum, computed in float32 and returned in a's dtype."""
    return (a.astype(np.float32) + b.astype(np.float32)).astype(a.dtype)

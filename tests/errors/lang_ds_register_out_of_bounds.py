# RUN: run kernel --arg a=zeros:100x8:float32
# EXPECT: dma_copy: src (%a): out-of-bounds dynamic access: the slice nl.ds(r0 = 96, 32) leaves dimension 0 (size 100) of the view of tensor 'a' f32[100,8]; its start must be 0..68 (oob_mode=nisa.oob_mode.skip skips such elements)
# LOC: 15:9
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    """A runtime loop over 32-row tiles of a 100-row tensor: the last tile (rows 96..127) leaves it."""
    out = nl.ndarray((100, 8), dtype=nl.float32, buffer=nl.shared_hbm)
    for i in nl.dynamic_range(0, 100, 32):
        t = nl.ndarray((32, 8), dtype=nl.float32, buffer=nl.sbuf)
        nisa.dma_copy(dst=t, src=a[nl.ds(i, 32), :])
        nisa.dma_copy(dst=out[nl.ds(i, 32), :], src=t)
    return out

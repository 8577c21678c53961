# RUN: run kernel --arg a=zeros:64x8:float32
# EXPECT: dma_copy: src (%a): out-of-bounds dynamic access: scalar_offset r0 = 70 (x 8 elements per index of dimension 0) reaches element 560 of tensor 'a' f32[64,8], whose elements are 0..511 (pattern [[8,1],[1,8]] offset 0; oob_mode=nisa.oob_mode.skip skips such elements)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    r = nisa.register_alloc(70)
    d = nl.ndarray((1, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=d, src=a.ap(pattern=[[8, 1], [1, 8]], scalar_offset=r, indirect_dim=0))
    out = nl.ndarray((1, 8), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out, src=d)
    return out

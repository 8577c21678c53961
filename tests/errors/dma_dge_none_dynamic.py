# RUN: check kernel --arg a=zeros:64x8:float32
# EXPECT: dma_copy: 'a' is dynamically addressed, which needs descriptors generated at run time: dge_mode swdge or hwdge, not none
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    r = nisa.register_alloc(3)
    d = nl.ndarray((1, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=d, src=a.ap(pattern=[[8, 1], [1, 8]], scalar_offset=r, indirect_dim=0), dge_mode=nisa.dge_mode.none)

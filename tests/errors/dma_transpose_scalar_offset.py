# RUN: check kernel --arg a=zeros:64x128:float16
# EXPECT: dma_transpose: only src may be dynamically addressed, and only with a vector_offset (the indirect transpose)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    r = nisa.register_alloc(0)
    t = nl.ndarray((128, 16), dtype=nl.float16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a.ap(pattern=[[128, 16], [1, 128]], scalar_offset=r, indirect_dim=0))

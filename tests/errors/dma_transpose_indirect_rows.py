# RUN: check kernel --arg a=zeros:64x32:float16
# EXPECT: dma_transpose: an indirect transpose gathers a multiple of 16 rows; src's first dim is 8
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((8, 1), dtype=nl.uint32, buffer=nl.sbuf)
    t = nl.ndarray((32, 8), dtype=nl.float16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a.ap(pattern=[[32, 8], [1, 32]], vector_offset=idx, indirect_dim=0))

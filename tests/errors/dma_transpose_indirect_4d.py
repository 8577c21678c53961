# RUN: check kernel --arg a=zeros:64x32:float16
# EXPECT: dma_transpose: a 4-D indirect transpose needs src dim 1 or 2 to be 1, got [16,2,2,8]
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((16, 1), dtype=nl.uint32, buffer=nl.sbuf)
    t = nl.ndarray((8, 2, 2, 16), dtype=nl.float16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a.ap(pattern=[[32, 16], [16, 2], [8, 2], [1, 8]], vector_offset=idx, indirect_dim=0))

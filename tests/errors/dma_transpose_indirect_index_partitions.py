# RUN: check kernel --arg a=zeros:64x32:float16
# EXPECT: dma_transpose: the indices 'idx' must cover 16 to 128 partitions, a multiple of 16, not 8
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((8, 2), dtype=nl.uint32, buffer=nl.sbuf)
    t = nl.ndarray((32, 16), dtype=nl.float16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a.ap(pattern=[[32, 16], [1, 32]], vector_offset=idx, indirect_dim=0))

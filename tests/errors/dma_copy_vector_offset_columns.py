# RUN: check kernel --arg a=zeros:512x8:float32
# EXPECT: dma_copy: the vector_offset 'idx' of 'a' must be [P,1], one row per partition; got [64,2]
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((64, 2), dtype=nl.uint32, buffer=nl.sbuf)
    d = nl.ndarray((128, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=d, src=a.ap(pattern=[[8, 128], [1, 8]], vector_offset=idx, indirect_dim=0))

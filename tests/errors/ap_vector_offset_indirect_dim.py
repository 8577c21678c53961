# RUN: check kernel --arg a=zeros:64x8:float32
# EXPECT: ap(): vector_offset supports only indirect_dim=0, got 1
# LOC: 13:30
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((64, 1), dtype=nl.uint32, buffer=nl.sbuf)
    d = nl.ndarray((64, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=d, src=a.ap(pattern=[[8, 64], [1, 8]], vector_offset=idx, indirect_dim=1))

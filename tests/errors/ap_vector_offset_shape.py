# RUN: check kernel --arg a=zeros:64x8:float32
# EXPECT: ap(): vector_offset 'idx' must be [32,1] (one row number per index of the pattern's leading dimension), it is [64,1]
# LOC: 13:30
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((64, 1), dtype=nl.int32, buffer=nl.sbuf)
    d = nl.ndarray((32, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=d, src=a.ap(pattern=[[8, 32], [1, 8]], vector_offset=idx, indirect_dim=0))

# RUN: check kernel --arg a=zeros:64x8:float32
# EXPECT: ap(): scalar_offset and vector_offset are mutually exclusive
# LOC: 13:30
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((64, 1), dtype=nl.uint32, buffer=nl.sbuf)
    d = nl.ndarray((64, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=d, src=a.ap(pattern=[[8, 64], [1, 8]], scalar_offset=idx, vector_offset=idx))

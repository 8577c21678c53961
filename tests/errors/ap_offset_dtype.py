# RUN: check kernel --arg a=zeros:64x8:float32
# EXPECT: ap(): scalar_offset 'idx' must be int32 or uint32, not float32
# LOC: 13:30
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((1, 1), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((1, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=d, src=a.ap(pattern=[[8, 1], [1, 8]], scalar_offset=idx, indirect_dim=0))

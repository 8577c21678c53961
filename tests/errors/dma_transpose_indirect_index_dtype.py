# RUN: check kernel --arg a=zeros:64x32:float16
# EXPECT: dma_transpose: the indices 'idx' of an indirect transpose must be uint32, not int32
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((16, 1), dtype=nl.int32, buffer=nl.sbuf)
    t = nl.ndarray((32, 16), dtype=nl.float16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a.ap(pattern=[[32, 16], [1, 32]], vector_offset=idx, indirect_dim=0))

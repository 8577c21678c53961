# RUN: check kernel --arg a=zeros:512x32:float16
# EXPECT: dma_transpose: indices 'idx' with 2 columns must cover exactly 128 partitions, not 64
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((64, 2), dtype=nl.uint32, buffer=nl.sbuf)
    t = nl.ndarray((32, 128), dtype=nl.float16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a.ap(pattern=[[32, 128], [1, 32]], vector_offset=idx, indirect_dim=0))

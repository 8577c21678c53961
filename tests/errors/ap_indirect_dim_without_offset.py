# RUN: check kernel --arg a=zeros:64x8:float32
# EXPECT: ap(): indirect_dim= needs a scalar_offset= or a vector_offset=
# LOC: 12:30
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    d = nl.ndarray((64, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=d, src=a.ap(pattern=[[8, 64], [1, 8]], indirect_dim=0))

# RUN: check kernel --arg a=zeros:16x16:float32
# EXPECT: ap(): indirect_dim 5 is out of range for 'a' of rank 2
# LOC: 12:30
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((16, 16), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a.ap(pattern=[[16, 16], [1, 16]], scalar_offset=nisa.register_alloc(0), indirect_dim=5))

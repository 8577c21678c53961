# RUN: check kernel --arg a=zeros:16x8:float32
# EXPECT: dma_compute: src1 'a' has a scalar_offset; dma_compute needs compile-time addresses (or a vector_offset read-modify-write)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((1, 8), dtype=nl.float32, buffer=nl.sbuf)
    r = nisa.register_alloc(2)
    nisa.dma_compute(dst=t, srcs=[t, a.ap(pattern=[[8, 1], [1, 8]], scalar_offset=r, indirect_dim=0)], reduce_op=nl.add)

# RUN: check kernel --arg a=zeros:64x8:float32
# EXPECT: dma_compute: unique_indices=False is not supported: a read-modify-write with vector_offset needs unique indices
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((16, 1), dtype=nl.uint32, buffer=nl.sbuf)
    t = nl.ndarray((16, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_compute(dst=t, srcs=[t, a.ap(pattern=[[8, 16], [1, 8]], vector_offset=idx, indirect_dim=0)], reduce_op=nl.add, unique_indices=False)

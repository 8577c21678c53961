# RUN: check kernel --arg a=zeros:16x8:float32
# EXPECT: nisa.dma_compute(): srcs must hold 1 to 16 tensors, got 17
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((16, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_compute(dst=t, srcs=[a] * 17, reduce_op=nl.add)

# RUN: check kernel --arg a=zeros:16x128:float16
# EXPECT: dma_transpose: axes (0, 1) is not supported for a 2-D src; it must be (1, 0)
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((128, 16), dtype=nl.float16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a, axes=(0, 1))

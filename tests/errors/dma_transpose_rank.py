# RUN: check kernel --arg a=zeros:16x2x2x2x2:float16
# EXPECT: dma_transpose: src has rank 5; the DMA transposes 2-D, 3-D and 4-D tiles
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((2, 2, 2, 2, 16), dtype=nl.float16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a)

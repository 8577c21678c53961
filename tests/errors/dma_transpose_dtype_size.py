# RUN: check kernel --arg a=zeros:16x128:float32
# EXPECT: dma_transpose: src is float32; the DMA transposes 2-byte dtypes only
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((128, 16), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a)

# RUN: check kernel --arg a=zeros:16x128:float16
# EXPECT: dma_transpose: dst must be [128,16] (src [16,128] permuted by axes (1, 0)), got [16,128]
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((16, 128), dtype=nl.float16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a)

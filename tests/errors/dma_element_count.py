# RUN: check kernel --arg a=zeros:128x512:float32
# EXPECT: dma_copy: dst [128,256] has 32768 elements but src [128,512] has 65536; a DMA copies equal element counts
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((128, 256), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a)

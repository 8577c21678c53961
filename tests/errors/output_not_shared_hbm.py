# RUN: run kernel --arg a=zeros:128x512:float32
# EXPECT: kernel output 'out' is in sbuf; kernel outputs must be created with buffer=nl.shared_hbm
# LOC: 11:11
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=out, src=a)
    return out

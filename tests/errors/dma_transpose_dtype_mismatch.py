# RUN: check kernel --arg a=zeros:16x128:float16
# EXPECT: dma_transpose: dst dtype bfloat16 must equal src dtype float16
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((128, 16), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a)

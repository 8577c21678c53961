# RUN: check kernel --arg a=zeros:256x512:float32
# EXPECT: nl.ndarray(): partition dimension 256 exceeds the maximum of 128
# LOC: 11:9
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a)

# RUN: check kernel --arg a=zeros:256x512:float32
# EXPECT: slice 256:384 is out of bounds for dimension 0 of tensor 'a' (size 256)
# LOC: 13:34
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    for i in range(3):
        t = nl.ndarray((128, 512), dtype=a.dtype, buffer=nl.sbuf)
        nisa.dma_copy(dst=t, src=a[nl.ds(i * 128, 128), :])

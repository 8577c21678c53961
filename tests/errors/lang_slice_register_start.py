# RUN: check kernel --arg a=zeros:128x128:float32
# EXPECT: a slice with a VirtualRegister start needs a compile-time size: write nl.ds(register, size) (dimension 0)
# LOC: 13:34
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    for i in nl.dynamic_range(0, 64, 32):
        t = nl.ndarray((32, 128), dtype=nl.float32, buffer=nl.sbuf)
        nisa.dma_copy(dst=t, src=a[i:, :])

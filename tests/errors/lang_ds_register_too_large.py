# RUN: check kernel --arg a=zeros:128x128:float32
# EXPECT: nl.ds(register, 200) is larger than dimension 1 of tensor 'a' (size 128)
# LOC: 13:34
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    for i in nl.dynamic_range(0, 128, 64):
        t = nl.ndarray((64, 200), dtype=nl.float32, buffer=nl.sbuf)
        nisa.dma_copy(dst=t, src=a[:, nl.ds(i, 200)])

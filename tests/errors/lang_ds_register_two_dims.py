# RUN: check kernel --arg a=zeros:128x128:float32
# EXPECT: only one dimension of an index can have a runtime (VirtualRegister) start; dimensions 0 and 1 both do
# LOC: 13:34
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    for i in nl.dynamic_range(0, 64, 32):
        t = nl.ndarray((32, 32), dtype=nl.float32, buffer=nl.sbuf)
        nisa.dma_copy(dst=t, src=a[nl.ds(i, 32), nl.ds(i, 32)])

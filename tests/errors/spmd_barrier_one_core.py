# RUN: run kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: core_barrier: deadlock: core 0 waits here at core_barrier(cores=(0,1)), but core 1 finished the kernel without reaching a matching core_barrier
# LOC: 14:9
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    if nl.program_id(0) == 0:
        nisa.dma_copy(dst=out, src=a)
        nisa.core_barrier(data=out, cores=(0, 1))
    return out

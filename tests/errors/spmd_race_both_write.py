# RUN: run kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: dma_copy: race on shared HBM tensor 'out': core 1 writes bytes that core 0 writes (dma_copy at spmd_race_both_write.py:16) with no core_barrier or sendrecv completed by both cores in between
# LOC: 16:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    # Both cores write the whole output: the work was never split by nl.program_id().
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a)
    nisa.tensor_scalar(dst=t, data=t, op0=nl.add, operand0=1.0)
    nisa.dma_copy(dst=out, src=t)
    return out

# RUN: run kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: dma_copy: race on shared HBM tensor 'out': core 1 writes bytes that core 0 reads (dma_copy at spmd_race_read_before_barrier.py:18)
# LOC: 17:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    # Each core writes its half, then reads the other half back, but the barrier comes too late.
    pid = nl.program_id(0)
    out = nl.ndarray((128, 64), dtype=a.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray((64, 64), dtype=a.dtype, buffer=nl.sbuf)
    u = nl.ndarray((64, 64), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a[nl.ds(pid * 64, 64), :])
    nisa.dma_copy(dst=out[nl.ds(pid * 64, 64), :], src=t)
    nisa.dma_copy(dst=u, src=out[nl.ds((1 - pid) * 64, 64), :])
    nisa.core_barrier(data=out, cores=(0, 1))
    nisa.dma_copy(dst=u, src=out[nl.ds((1 - pid) * 64, 64), :])
    return out

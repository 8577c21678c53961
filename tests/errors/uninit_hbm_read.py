# RUN: run kernel --check-uninitialized --arg a=random:4x8:float32
# EXPECT: dma_copy: reads element [2, 0] of tensor 'scratch' (hbm f32[4,8]), which no instruction has written (--check-uninitialized)
# LOC: 15:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    scratch = nl.ndarray((4, 8), dtype=nl.float32, buffer=nl.hbm)
    nisa.dma_copy(dst=scratch[0:2, :], src=a[0:2, :])
    t = nl.ndarray((4, 8), dtype=nl.float32, buffer=nl.sbuf)
    out = nl.ndarray((4, 8), dtype=nl.float32, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=t, src=scratch)
    nisa.dma_copy(dst=out, src=t)
    return out

# RUN: run kernel --check-uninitialized --arg a=random:128x64:bfloat16
# EXPECT: nc_matmul: reads element [0, 0] of tensor 'acc' (psum f32[64,64]), which no instruction has written (--check-uninitialized)
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((128, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a)
    acc = nl.ndarray((64, 64), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=t, moving=t, accumulate=True)

# RUN: run kernel --check-uninitialized --arg a=random:128x64:float32
# EXPECT: tensor_copy: reads element [0, 0] of tensor 'fresh' (sbuf f32[128,64]), which no instruction has written (--check-uninitialized)
# LOC: 16:5
# A new tensor placed where a dead one lived holds nothing, even though the bytes were written.
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    old = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf, address=(0, 0))
    nisa.dma_copy(dst=old, src=a)
    fresh = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf, address=(0, 0))
    t = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=t, src=fresh)

# RUN: run kernel --check-uninitialized --arg a=random:128x64:float32
# EXPECT: tensor_tensor: reads element [0, 32] of tensor 'half' (sbuf f32[128,64]), which no instruction has written (--check-uninitialized)
# LOC: 17:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    ta = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=ta, src=a)
    half = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=half[:, 0:32], src=a[:, 0:32])
    out = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.shared_hbm)
    t = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_tensor(dst=t, data1=ta, data2=half, op=nl.add)
    nisa.dma_copy(dst=out, src=t)
    return out

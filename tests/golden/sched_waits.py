# --print-after-all: the IR after every pass, and after `schedule` the semaphore waits: a load
# feeding the Vector Engine, a Scalar instruction reusing the tile (WAR), a store.
# RUN: compile kernel --arg x=zeros:128x64:float32 --print-after-all
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(x):
    out = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.shared_hbm)
    t = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    u = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=x)
    nisa.tensor_tensor(dst=u, data1=t, data2=t, op=nl.add)
    nisa.activation(dst=t, op=nl.exp, data=u)
    nisa.dma_copy(dst=out, src=t)
    return out

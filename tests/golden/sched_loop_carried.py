# --print-after-all on a runtime loop: after `schedule`, the loop-carried waits. Each iteration
# loads t while the previous iteration's add may still read it (WAR across iterations), and the
# add accumulates into acc (its own previous write).
# RUN: compile kernel --arg x=zeros:128x64:float32 --print-after-all
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(x):
    out = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.shared_hbm)
    t = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    acc = nl.zeros((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    for i in nl.dynamic_range(4):
        nisa.dma_copy(dst=t, src=x)
        nisa.tensor_tensor(dst=acc, data1=acc, data2=t, op=nl.add)
    nisa.dma_copy(dst=out, src=acc)
    return out

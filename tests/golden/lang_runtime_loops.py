# Runtime loops in the IR: loop_begin / loop_end around a body specialized once, registers
# moved, loaded and stored by the sequencer, a tensor allocated before the loop kept alive
# through it.
# RUN: compile kernel --arg x=zeros:128x16:float32 --arg count=zeros:1x1:int32
import nki
import nki.isa as nisa
import nki.language as nl


@nki.jit
def kernel(x, count):
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    n = nisa.register_alloc()
    nisa.register_load(dst=n, src=count)
    acc = nl.zeros(x.shape, dtype=x.dtype)
    for i in nl.dynamic_range(1, n, 2):
        t = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.sbuf)
        nisa.dma_copy(dst=t, src=x)
        nisa.tensor_tensor(dst=acc, data1=acc, data2=t, op=nl.add)
    flag = nisa.register_alloc(0)
    while flag:
        nisa.register_move(dst=flag, src=0)
    nisa.register_store(dst=acc[0:1, 0:1], src=n)
    nisa.dma_copy(dst=out, src=acc)
    return out

# RUN: run kernel --arg x=zeros:64x8:float32 --max-loop-iterations 1000
# EXPECT: runtime loops ran more than 1000 iterations, all together, when this `while` loop went round again; does its condition ever end it? (--max-loop-iterations raises the limit)
# LOC: 20:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(x):
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    counter = nl.ndarray((1, 1), dtype=nl.int32, buffer=nl.sbuf)
    nisa.memset(dst=counter, value=1)
    cond = nisa.register_alloc(counter)
    acc = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=acc, src=x)
    # The counter counts up from 1: it never becomes 0, so the loop never ends.
    nisa.tensor_scalar(dst=counter, data=counter, op0=nl.add, operand0=1)
    nisa.register_load(dst=cond, src=counter)
    while cond:
        nisa.tensor_scalar(dst=counter, data=counter, op0=nl.add, operand0=1)
        nisa.register_load(dst=cond, src=counter)
    nisa.dma_copy(dst=out, src=acc)
    return out

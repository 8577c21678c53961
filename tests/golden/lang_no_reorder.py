# `with nl.no_reorder():` keeps the block's instructions in program order: each gets an explicit
# dependency (after=) on the one before it; nested blocks continue the chain.
# RUN: compile kernel --arg a=zeros:128x64:float32
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((128, 64), dtype=nl.float32)
    u = nl.ndarray((128, 64), dtype=nl.float32)
    nisa.dma_copy(dst=t, src=a)
    with nl.no_reorder():
        nisa.tensor_copy(dst=u, src=t, name="first")
        nisa.tensor_scalar(dst=u, data=u, op0=nl.multiply, operand0=2.0)
        with nl.no_reorder():
            nisa.tensor_tensor(dst=t, data1=u, data2=t, op=nl.add)
        nisa.memset(dst=u, value=1.0)
    nisa.tensor_copy(dst=t, src=u)

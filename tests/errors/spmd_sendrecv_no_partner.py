# RUN: run kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: sendrecv: deadlock: core 1 waits here at sendrecv(send_to_rank=0, recv_from_rank=0, pipe_id=0), but core 0 finished the kernel without reaching a matching sendrecv
# LOC: 16:9
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    u = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a)
    if nl.program_id(0) == 1:
        nisa.sendrecv(src=t, dst=u, send_to_rank=0, recv_from_rank=0, pipe_id=0)
    nisa.dma_copy(dst=out, src=t)
    return out

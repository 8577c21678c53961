# RUN: run kernel --lnc 2 --timing-only --arg a=zeros:128x64:float32
# EXPECT: sendrecv: deadlock: core 0 waits here at sendrecv(send_to_rank=1, recv_from_rank=1, pipe_id=0), but core 1 waits at sendrecv(send_to_rank=0, recv_from_rank=0, pipe_id=1)
# LOC: 16:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    u = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    pid = nl.program_id(0)
    nisa.dma_copy(dst=t, src=a)
    nisa.sendrecv(src=t, dst=u, send_to_rank=1 - pid, recv_from_rank=1 - pid, pipe_id=pid)
    nisa.dma_copy(dst=out, src=u)
    return out

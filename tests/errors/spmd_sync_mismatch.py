# RUN: run kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: sendrecv: deadlock: core 0 waits here at sendrecv(send_to_rank=1, recv_from_rank=1, pipe_id=0), but core 1 waits at core_barrier(cores=(0,1)) at spmd_sync_mismatch.py:18
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
    if nl.program_id(0) == 0:
        nisa.sendrecv(src=t, dst=u, send_to_rank=1, recv_from_rank=1, pipe_id=0)
    else:
        nisa.core_barrier(data=out, cores=(0, 1))
    nisa.dma_copy(dst=out, src=t)
    return out

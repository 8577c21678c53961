# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: nisa.sendrecv(): send_to_rank=1 names no core of this launch: kernel[1] has core 0 only (launch with kernel[2] for two cores)
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    u = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a)
    nisa.sendrecv(src=t, dst=u, send_to_rank=1, recv_from_rank=1, pipe_id=0)

# RUN: check kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: sendrecv: src is float32 and dst is bfloat16; they must have the same dtype
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    u = nl.ndarray(a.shape, dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a)
    nisa.sendrecv(src=t, dst=u, send_to_rank=1, recv_from_rank=1, pipe_id=0)

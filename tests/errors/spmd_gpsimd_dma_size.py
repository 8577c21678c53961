# RUN: check kernel --lnc 2 --arg a=zeros:128x512:float32
# EXPECT: sendrecv: dma_engine=gpsimd_dma moves at most 1024 bytes per partition of float32, got 2048
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    u = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a)
    nisa.sendrecv(src=t, dst=u, send_to_rank=1, recv_from_rank=1, pipe_id=0, dma_engine=nisa.dma_engine.gpsimd_dma)

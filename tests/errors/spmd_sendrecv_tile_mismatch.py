# RUN: run kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: sendrecv: core 0 sends float32 128 x 64 elements (spmd_sendrecv_tile_mismatch.py:16), but core 1 receives into float32 128 x 32 elements
# LOC: 16:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    pid = nl.program_id(0)
    t = nl.ndarray((128, 64), dtype=a.dtype, buffer=nl.sbuf)
    u = nl.ndarray((128, 64 - 32 * pid), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a)
    nisa.sendrecv(src=t[:, 0:64 - 32 * pid], dst=u, send_to_rank=1 - pid, recv_from_rank=1 - pid, pipe_id=0)
    nisa.dma_copy(dst=out, src=t)
    return out

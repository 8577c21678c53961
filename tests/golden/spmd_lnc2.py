# An LNC2 launch (--lnc 2): the kernel specialized once per core, program_id 0 then 1, each core
# loading its half, exchanging it with the other core (sendrecv), writing its half of the shared
# output, and a barrier before core 0 reads the other half back.
# RUN: compile kernel --lnc 2 --arg a=zeros:256x64:float32
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    P = 128
    pid = nl.program_id(0)
    n = nl.num_programs()
    out = nl.ndarray((P * n, a.shape[1]), dtype=a.dtype, buffer=nl.shared_hbm)
    mine = nl.ndarray((P, a.shape[1]), dtype=a.dtype, buffer=nl.sbuf)
    theirs = nl.ndarray((P, a.shape[1]), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=mine, src=a[nl.ds(pid * P, P), :])
    nisa.sendrecv(src=mine, dst=theirs, send_to_rank=1 - pid, recv_from_rank=1 - pid, pipe_id=0,
                  dma_engine=nisa.dma_engine.gpsimd_dma)
    nisa.dma_copy(dst=out[nl.ds(pid * P, P), :], src=theirs)
    nisa.core_barrier(data=out, cores=(0, 1), engine=nisa.engine.sync)
    if pid == 0:
        nisa.dma_copy(dst=mine, src=out[nl.ds(P, P), :])
    return out

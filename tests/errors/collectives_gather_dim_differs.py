# RUN: run kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: collective_all_gather: core 1 gathers along collective_dim=1, but core 0 along collective_dim=0 at collectives_gather_dim_differs.py:17; every core of the group must pass the same collective_dim
# LOC: 17:5
import nki
import nki.collectives as ncc
import nki.isa as nisa
import nki.language as nl


@nki.jit
def kernel(a):
    pid = nl.program_id(0)
    t = nl.ndarray((64, 64), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a[nl.ds(pid * 64, 64), :])
    shape = (128, 64) if pid == 0 else (64, 128)
    g = nl.ndarray(shape, dtype=a.dtype, buffer=nl.sbuf)
    ncc.all_gather(srcs=[t], dsts=[g], replica_group=ncc.ReplicaGroup([[0, 1]]), collective_dim=pid)

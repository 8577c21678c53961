# RUN: run kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: collective_all_reduce: deadlock: core 0 waits here at ncc.all_reduce(cores=(0,1)), but core 1 finished the kernel without reaching a matching collective_all_reduce
# LOC: 15:9
import nki
import nki.collectives as ncc
import nki.isa as nisa
import nki.language as nl


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    red = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.private_hbm)
    if nl.program_id(0) == 0:
        ncc.all_reduce(srcs=[a], dsts=[red], replica_group=ncc.ReplicaGroup([[0, 1]]), op=nl.add)
        nisa.dma_copy(dst=out, src=red)
    return out

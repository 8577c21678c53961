# RUN: run kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: collective_all_reduce: deadlock: core 0 waits here at ncc.all_reduce(cores=(0,1)), but core 1 waits at ncc.all_gather(cores=(0,1)) at collectives_kind_differs.py:18; every core must reach the same sequence of sendrecv/core_barrier/collectives
# LOC: 16:9
import nki
import nki.collectives as ncc
import nki.language as nl


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    red = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.private_hbm)
    g = nl.ndarray((256, 64), dtype=a.dtype, buffer=nl.private_hbm)
    group = ncc.ReplicaGroup([[0, 1]])
    if nl.program_id(0) == 0:
        ncc.all_reduce(srcs=[a], dsts=[red], replica_group=group, op=nl.add)
    else:
        ncc.all_gather(srcs=[a], dsts=[g], replica_group=group, collective_dim=0)
    return out

# RUN: check kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: ncc.all_reduce(): priority must be 0 to 3, got 7
# LOC: 12:5
import nki
import nki.collectives as ncc
import nki.language as nl


@nki.jit
def kernel(a):
    red = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.private_hbm)
    ncc.all_reduce(srcs=[a], dsts=[red], replica_group=ncc.ReplicaGroup([[0, 1]]), op=nl.add, priority=7)

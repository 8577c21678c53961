# RUN: check kernel --lnc 2 --arg a=zeros:128x4:float32
# EXPECT: nki.collectives.all_to_all is not simulated yet: nki simulates ncc.all_reduce, ncc.all_gather and ncc.rank_id between the cores of a launch
# LOC: 12:5
import nki
import nki.collectives as ncc
import nki.language as nl


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    ncc.all_to_all(srcs=[a], dsts=[out], replica_group=ncc.ReplicaGroup([[0, 1]]), collective_dim=0)
    return out

# RUN: check kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: ncc.all_gather(): srcs must list at least one tensor
# LOC: 11:5
import nki
import nki.collectives as ncc
import nki.language as nl


@nki.jit
def kernel(a):
    ncc.all_gather(srcs=[], dsts=[], replica_group=ncc.ReplicaGroup([[0, 1]]), collective_dim=0)

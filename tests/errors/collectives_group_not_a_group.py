# RUN: check kernel --lnc 2 --arg a=zeros:256x64:float32
# EXPECT: ncc.all_gather(): replica_group must be an ncc.ReplicaGroup, e.g. ncc.ReplicaGroup([[0, 1]]), not [[0, 1]]
# LOC: 13:5
import nki
import nki.collectives as ncc
import nki.isa as nisa
import nki.language as nl


@nki.jit
def kernel(a):
    out = nl.ndarray((512, 64), dtype=a.dtype, buffer=nl.private_hbm)
    ncc.all_gather(srcs=[a], dsts=[out], replica_group=[[0, 1]], collective_dim=0)

# RUN: check kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: ncc.all_gather(): collective_dim=1 needs SBUF tiles, but srcs are in HBM, where the cores' srcs are concatenated along dim 0 only
# LOC: 12:5
import nki
import nki.collectives as ncc
import nki.language as nl


@nki.jit
def kernel(a):
    g = nl.ndarray((128, 128), dtype=a.dtype, buffer=nl.private_hbm, name="g")
    ncc.all_gather(srcs=[a], dsts=[g], replica_group=ncc.ReplicaGroup([[0, 1]]), collective_dim=1)

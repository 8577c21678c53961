# RUN: check kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: collective_all_gather: src is float32 and dst is bfloat16; all_gather copies bytes, they must have the same dtype
# LOC: 13:5
import nki
import nki.collectives as ncc
import nki.isa as nisa
import nki.language as nl


@nki.jit
def kernel(a):
    g = nl.ndarray((256, 64), dtype=nl.bfloat16, buffer=nl.private_hbm, name="g")
    ncc.all_gather(srcs=[a], dsts=[g], replica_group=ncc.ReplicaGroup([[0, 1]]), collective_dim=0)

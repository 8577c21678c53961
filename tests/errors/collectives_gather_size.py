# RUN: check kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: collective_all_gather: dst 'g' has 8192 elements but the 2 cores' srcs gather 2 x 8192 = 16384; dst must hold every core's src
# LOC: 13:5
import nki
import nki.collectives as ncc
import nki.isa as nisa
import nki.language as nl


@nki.jit
def kernel(a):
    g = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.private_hbm, name="g")
    ncc.all_gather(srcs=[a], dsts=[g], replica_group=ncc.ReplicaGroup([[0, 1]]), collective_dim=0)

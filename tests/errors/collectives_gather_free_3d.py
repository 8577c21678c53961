# RUN: check kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: collective_all_gather: collective_dim=1 concatenates 2-D tiles, but src has 3 dims and dst 3
# LOC: 15:5
import nki
import nki.collectives as ncc
import nki.isa as nisa
import nki.language as nl


@nki.jit
def kernel(a):
    t = nl.ndarray((128, 8, 8), dtype=a.dtype, buffer=nl.sbuf)
    nisa.memset(dst=t, value=0.0)
    g = nl.ndarray((128, 16, 8), dtype=a.dtype, buffer=nl.sbuf, name="g")
    ncc.all_gather(srcs=[t], dsts=[g], replica_group=ncc.ReplicaGroup([[0, 1]]), collective_dim=1)

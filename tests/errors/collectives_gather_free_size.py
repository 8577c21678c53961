# RUN: check kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: collective_all_gather: dst 'g' is 64 x 128 but the 2 cores' srcs concatenated along dim 1 are 128 x 128
# LOC: 15:5
import nki
import nki.collectives as ncc
import nki.isa as nisa
import nki.language as nl


@nki.jit
def kernel(a):
    t = nl.ndarray((128, 64), dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a)
    g = nl.ndarray((64, 128), dtype=a.dtype, buffer=nl.sbuf, name="g")
    ncc.all_gather(srcs=[t], dsts=[g], replica_group=ncc.ReplicaGroup([[0, 1]]), collective_dim=1)

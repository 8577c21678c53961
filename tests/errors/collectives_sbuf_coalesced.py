# RUN: check kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: ncc.all_reduce(): several (coalesced) tensors are only supported in HBM; pass one SBUF tensor per call
# LOC: 15:5
import nki
import nki.collectives as ncc
import nki.isa as nisa
import nki.language as nl


@nki.jit
def kernel(a):
    x = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    y = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=x, src=a)
    ncc.all_reduce(srcs=[x, x], dsts=[y, y], replica_group=ncc.ReplicaGroup([[0, 1]]), op=nl.add)

# RUN: check kernel --lnc 2 --arg a=zeros:256x64:float32
# EXPECT: ncc.all_reduce(): op=nl.multiply is not supported; use nl.add, nl.minimum or nl.maximum
# LOC: 13:5
import nki
import nki.collectives as ncc
import nki.isa as nisa
import nki.language as nl


@nki.jit
def kernel(a):
    red = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.private_hbm)
    ncc.all_reduce(srcs=[a], dsts=[red], replica_group=ncc.ReplicaGroup([[0, 1]]), op=nl.multiply)

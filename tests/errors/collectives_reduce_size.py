# RUN: check kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: collective_all_reduce: dst 'red' has 4096 elements but src 'a' has 8192; all_reduce writes a dst the size of its src
# LOC: 13:5
import nki
import nki.collectives as ncc
import nki.isa as nisa
import nki.language as nl


@nki.jit
def kernel(a):
    red = nl.ndarray((64, 64), dtype=a.dtype, buffer=nl.private_hbm, name="red")
    ncc.all_reduce(srcs=[a], dsts=[red], replica_group=ncc.ReplicaGroup([[0, 1]]), op=nl.add)

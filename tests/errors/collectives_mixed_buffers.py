# RUN: check kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: collective_all_reduce: src 'a' is in shared_hbm and dst 'red' in sbuf; a collective's tensors must be all in HBM or all in SBUF
# LOC: 13:5
import nki
import nki.collectives as ncc
import nki.isa as nisa
import nki.language as nl


@nki.jit
def kernel(a):
    red = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf, name="red")
    ncc.all_reduce(srcs=[a], dsts=[red], replica_group=ncc.ReplicaGroup([[0, 1]]), op=nl.add)

# RUN: check kernel --lnc 2 --arg a=zeros:256x64:float32
# EXPECT: ncc.all_reduce(): replica_group ReplicaGroup([[0]]) does not cover the cores of this launch: kernel[2] simulates one group of every core, ncc.ReplicaGroup([[0, 1]])
# LOC: 14:5
import nki
import nki.collectives as ncc
import nki.isa as nisa
import nki.language as nl


@nki.jit
def kernel(a):
    pid = nl.program_id(0)
    red = nl.ndarray((128, 64), dtype=a.dtype, buffer=nl.private_hbm)
    ncc.all_reduce(srcs=[a[nl.ds(pid * 128, 128), :]], dsts=[red], replica_group=ncc.ReplicaGroup([[0]]), op=nl.add)

# RUN: run kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: collective_all_reduce: core 1 passes src float32 (4096 elements) and dst float32 (4096 elements), but core 0 passes src float32 (8192) and dst float32 (8192) at collectives_core_sizes_differ.py:15; every core of the group must pass tensors of the same size and dtype
# LOC: 15:5
import nki
import nki.collectives as ncc
import nki.isa as nisa
import nki.language as nl


@nki.jit
def kernel(a):
    pid = nl.program_id(0)
    rows = 128 - 64 * pid
    red = nl.ndarray((rows, 64), dtype=a.dtype, buffer=nl.private_hbm)
    ncc.all_reduce(srcs=[a[nl.ds(0, rows), :]], dsts=[red], replica_group=ncc.ReplicaGroup([[0, 1]]), op=nl.add)

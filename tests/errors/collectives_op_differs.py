# RUN: run kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: collective_all_reduce: core 1 reduces with op=nl.maximum, but core 0 with op=nl.add at collectives_op_differs.py:14; every core of the group must pass the same op
# LOC: 14:5
import nki
import nki.collectives as ncc
import nki.language as nl


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    red = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.private_hbm)
    op = nl.add if nl.program_id(0) == 0 else nl.maximum
    ncc.all_reduce(srcs=[a], dsts=[red], replica_group=ncc.ReplicaGroup([[0, 1]]), op=op)
    return out

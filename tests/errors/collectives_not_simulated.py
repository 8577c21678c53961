# RUN: check kernel --arg a=zeros:128x4:float32
# EXPECT: nki.collectives.all_reduce is not simulated yet: nki runs kernels on one NeuronCore without collectives
# LOC: 12:5
import nki
import nki.collectives as ncc
import nki.language as nl


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    ncc.all_reduce(srcs=[a], dsts=[out], replica_group=None, op=nl.add)
    return out

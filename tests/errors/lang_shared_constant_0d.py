# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: holds a 0-d array; a constant tensor needs at least one dimension
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    c = nl.shared_constant("data/scalar.npy")

# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: nl.shared_constant() is not supported yet by nki: it needs trace-time constant tensors
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    c = nl.shared_constant("table.npy")

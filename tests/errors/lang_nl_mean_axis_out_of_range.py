# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: nl.mean(): axis 2 is out of range for a tile of shape (128, 64) (rank 2)
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    m = nl.mean(nl.load(a), axis=(1, 2))

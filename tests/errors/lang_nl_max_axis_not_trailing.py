# RUN: check kernel --arg a=zeros:128x4x8:float32
# EXPECT: nl.max(): axis=(1) of a tile of shape (128, 4, 8) are not the trailing free dimensions
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    m = nl.max(nl.load(a), axis=1)

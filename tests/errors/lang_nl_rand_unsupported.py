# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: nl.rand() is not supported yet by nki: it needs the random-number instructions
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    r = nl.rand((128, 64), dtype=nl.float32)

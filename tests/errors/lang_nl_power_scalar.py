# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: nl.power(): x and y must both be tiles of one shape
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    r = nl.power(nl.load(a), 2.0)

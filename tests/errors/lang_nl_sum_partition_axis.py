# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: nl.sum(): axis 0 is the partition dimension; nl.sum reduces along free dimensions (1 to 1)
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    s = nl.sum(nl.load(a), axis=0)

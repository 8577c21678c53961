# RUN: check kernel --arg a=zeros:128x64:float32 --arg b=zeros:128x64:int32
# EXPECT: nl.bitwise_and(): x is float32; bitwise operations take integer tiles
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a, b):
    r = nl.bitwise_and(nl.load(a), nl.load(b))

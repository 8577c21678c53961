# RUN: check kernel --arg a=zeros:128x64:bfloat16
# EXPECT: nl.invert(): x is bfloat16 and the result bfloat16; bitwise operations take integer tiles
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    r = nl.invert(nl.load(a))

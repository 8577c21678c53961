# RUN: check add --arg a=zeros:128x512:float32
# EXPECT: expected ':'
# LOC: 11:22
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def add(a):
    for i in range(4)
        pass
    return a

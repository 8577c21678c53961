# RUN: check kernel --arg a=zeros:128x512:float32
# EXPECT: the truth value of a tensor is only known at run time
# LOC: 10:5
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    if a:
        pass

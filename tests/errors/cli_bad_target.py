# RUN: run kernel --arg a=zeros:128x4:float32 --target trn9
# EXPECT: --target: trn9 not in {trn1,trn2,trn3}
# EXIT: 2
import nki


@nki.jit
def kernel(a):
    return a

# RUN: run kernel --lnc 2 --target trn1 --arg a=zeros:128x64:float32
# EXPECT: LNC2 (kernel[2], --lnc 2) needs trn2 or trn3; on trn1 a logical NeuronCore is one physical core
# CARET: no
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    return a

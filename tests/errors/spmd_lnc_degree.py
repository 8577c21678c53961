# RUN: check kernel --lnc 4 --arg a=zeros:128x64:float32
# EXPECT: the logical NeuronCore degree (kernel[N], --lnc N) must be 1 or 2, got 4
# CARET: no
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    return a

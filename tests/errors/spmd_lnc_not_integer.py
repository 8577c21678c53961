# RUN: check kernel --lnc two --arg a=zeros:128x64:float32
# EXPECT: --lnc
# EXIT: 2
# CARET: no
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    return a

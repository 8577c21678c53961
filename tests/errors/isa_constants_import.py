# RUN: check kernel --arg a=zeros:128x4:float32
# EXPECT: nisa.dma_copy() got an unexpected keyword argument 'oob'
# LOC: 13:5
import nki
import nki.isa as nisa
import nki.language as nl
from nki.isa.constants import oob_mode


@nki.jit
def kernel(a):
    t = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a, oob=oob_mode.skip)
    return a

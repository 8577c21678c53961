# RUN: check kernel --arg a=zeros:128x512:float32
# EXPECT: nki.language has no function or attribute 'ndarry'
# LOC: 11:9
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarry((128, 512), dtype=nl.float32, buffer=nl.sbuf)

# RUN: check kernel --arg c=zeros:128x64:float32 --arg a=zeros:128x32:float32
# EXPECT: nl.where(): condition has shape (128, 64) but x has shape (128, 32); they must match
# LOC: 11:9
import nki
import nki.language as nl


@nki.jit
def kernel(c, a):
    cond = nl.load(c)
    w = nl.where(cond, nl.load(a), 0.0)

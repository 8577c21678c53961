# RUN: check kernel --arg a=zeros:128x128:float32
# EXPECT: nl.rsqrt(): x is in psum; nl.rsqrt runs on the GpSimd engine, which cannot read PSUM
# LOC: 11:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    t = nl.transpose(nl.load(a))
    r = nl.rsqrt(t)

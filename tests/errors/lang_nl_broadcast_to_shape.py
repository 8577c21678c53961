# RUN: check kernel --arg a=zeros:1x64:float32
# EXPECT: nl.broadcast_to(): x has shape (1, 64), which cannot be broadcast to (128, 32)
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    r = nl.broadcast_to(nl.load(a), (128, 32))

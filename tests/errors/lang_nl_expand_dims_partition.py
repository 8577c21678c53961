# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: nl.expand_dims(): axis 0 of an on-chip tile is its partition dimension, which cannot move
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    r = nl.expand_dims(nl.load(a), 0)

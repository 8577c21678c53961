# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: nl.dropout(): rate is 1.5; it must be in [0, 1]
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    d = nl.dropout(nl.load(a), 1.5)

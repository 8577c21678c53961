# RUN: check kernel --arg a=zeros:128x64:float32 --target trn2
# EXPECT: nl.abs_max() needs NeuronCore-v4 (trn3); the target trn2 does not have it
# LOC: 11:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    x = nl.load(a)
    r = nl.abs_max(x, 1.0)

# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: nl.arange() belongs to the legacy neuronxcc.nki API, which nki does not accept; build index tiles with nisa.iota
# LOC: 10:9
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    i = nl.arange(64)

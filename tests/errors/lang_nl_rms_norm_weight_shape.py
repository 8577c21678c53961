# RUN: check kernel --arg a=zeros:128x64:float32 --arg w=zeros:1x32:float32
# EXPECT: nl.rms_norm(): w has shape (1, 32), which cannot be broadcast to (128, 64) (same rank; each dimension equal or 1)
# LOC: 11:9
import nki
import nki.language as nl


@nki.jit
def kernel(a, w):
    x = nl.load(a)
    r = nl.rms_norm(x, nl.load(w), axis=1, n=64)

# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: global 'STEPS' is a generator, which kernel code cannot use: iterating a generator consumes it
# LOC: 16:14
import nki
import nki.language as nl

# A generator expression at module level is ordinary Python; a kernel cannot iterate it (it
# would be consumed by the first compilation). A tuple(...) of it would work.
STEPS = (2.0 * i for i in range(3))


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    t = nl.load(a)
    for s in STEPS:
        t = nl.add(t, s)
    nl.store(out, t)
    return out

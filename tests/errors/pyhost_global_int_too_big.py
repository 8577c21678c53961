# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: global 'SEED' is an int, which kernel code cannot use: 1099511627776 does not fit in a 32-bit int, NKI's integer
# LOC: 15:29
import nki
import nki.language as nl

# Python ints are unbounded; NKI's are 32-bit.
SEED = 2**40


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    t = nl.load(a)
    nl.store(out, nl.add(t, SEED))
    return out

# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: Missing parentheses in call to 'print'
# LOC: 10:1
import nki
import nki.language as nl

TABLE = {1: 2, 3: 4}

# Python 2 at module level: CPython cannot import the file.
print "loading kernels"


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    nl.store(out, nl.load(a))
    return out

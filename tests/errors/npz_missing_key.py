# RUN: run kernel --arg a=data/ab.npz:c
# EXPECT: --arg a: 'data/ab.npz' has no array 'c' (it has: a, b)
# CARET: no
import nki


@nki.jit
def kernel(a):
    return a

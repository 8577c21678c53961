# RUN: run kernel --arg a=does_not_exist.npy
# EXPECT: --arg a: 'does_not_exist.npy': cannot open file
# CARET: no
import nki


@nki.jit
def kernel(a):
    return a

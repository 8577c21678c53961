# RUN: profile kernel --npz data/empty.npz
# EXPECT: --npz 'data/empty.npz': the archive holds no arrays
# CARET: no
import nki


@nki.jit
def kernel(a):
    return a

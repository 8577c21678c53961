# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: global 'W' is a numpy.ndarray, which kernel code cannot use: NumPy arrays are tensors only as kernel arguments
# LOC: 18:34
import numpy as np

import nki
import nki.language as nl

# A module-level NumPy array: fine for Python, not a compile-time value in a kernel.
W = np.ones((128, 64), np.float32)
UNUSED = np.zeros(3)  # never read by the kernel, so it does not matter


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    t = nl.load(a)
    nl.store(out, nl.multiply(t, W[0, 0]))
    return out

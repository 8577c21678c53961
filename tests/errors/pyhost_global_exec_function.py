# RUN: check kernel --arg a=zeros:128x64:float32
# EXPECT: global 'scale' is a function, which kernel code cannot use: function 'scale' has no source file nki can read
# LOC: 17:19
import nki
import nki.language as nl

# A function made by exec has no source file: nki compiles kernel code from .py files.
exec("def scale(t):\n    return nl.multiply(t, 2.0)\n")


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    t = nl.load(a)
    nl.store(out, t)
    t = nl.load(a)
    nl.store(out, scale(t))
    return out

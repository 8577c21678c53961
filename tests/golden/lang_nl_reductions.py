# The ISA expansion of the nki.language reductions and normalisations: sum (one tensor_reduce),
# softmax over every free axis (negated max, exp with bias and accumulated sum, reciprocal, scale)
# and over a trailing subset (broadcast reads), rms_norm (square-and-sum, rsqrt, two multiplies).
# RUN: compile kernel --arg a=zeros:128x64:float32 --arg b=zeros:32x4x8:bfloat16 --arg w=zeros:1x64:float32
import nki
import nki.language as nl


@nki.jit
def kernel(a, b, w):
    out = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.shared_hbm)
    x = nl.load(a)
    y = nl.load(b)
    s = nl.sum(x, axis=1, keepdims=True)
    p = nl.softmax(x, axis=-1)
    q = nl.softmax(y, axis=2)
    tw = nl.load(w)
    r = nl.rms_norm(x, tw, axis=1, n=64)
    nl.store(out, r)
    return out

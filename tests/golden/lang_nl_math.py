# The ISA expansion of nki.language element-wise functions that are not one instruction: floor
# (exact fmod / subtract / compare steps), sin with range reduction, rsqrt on GpSimd, invert,
# logical_not, where (copy then predicated copy) and a partition broadcast through the Tensor engine.
# RUN: compile kernel --arg a=zeros:128x32:float32 --arg c=zeros:1x32:int32
import nki
import nki.language as nl


@nki.jit
def kernel(a, c):
    out = nl.ndarray((128, 32), dtype=nl.float32, buffer=nl.shared_hbm)
    x = nl.load(a)
    f = nl.floor(x)
    s = nl.sin(x)
    r = nl.rsqrt(x)
    n = nl.logical_not(x)
    w = nl.where(n, f, s)
    bits = nl.invert(nl.load(c))
    wide = nl.broadcast_to(bits, (128, 32))
    nl.store(out, nl.add(w, wide))
    return out

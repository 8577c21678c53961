# RUN: check kernel --arg a=zeros:128x128:float32
# EXPECT: nl.store(): value is in psum, which DMA cannot read; copy it to SBUF first (nl.copy)
# LOC: 12:5
import nki
import nki.language as nl


@nki.jit
def kernel(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    t = nl.transpose(nl.load(a))
    nl.store(out, t)
    return out

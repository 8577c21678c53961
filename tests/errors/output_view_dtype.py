# RUN: check kernel --arg a=zeros:4x64:float32
# EXPECT: kernel 'kernel' returns a view of 'out' that is not a reshape of the whole tensor (it reads the tensor as int32, not float32); return the tensor or a reshape of it
# LOC: 8:1
import nki
import nki.language as nl


def kernel(a):
    out = nl.ndarray((4, 64), dtype=a.dtype, buffer=nl.shared_hbm)
    nl.store(out, nl.load(a))
    return out.view(nl.int32)

# RUN: check kernel --arg a=zeros:4x64:float32
# EXPECT: kernel 'kernel' returns a view of 'out' that is not a reshape of the whole tensor (it covers 128 of its 256 elements); return the tensor or a reshape of it
# LOC: 8:1
import nki
import nki.language as nl


def kernel(a):
    out = nl.ndarray((4, 64), dtype=a.dtype, buffer=nl.shared_hbm)
    nl.store(out, nl.load(a))
    return out[0:2, :].reshape((128,))

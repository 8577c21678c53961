# RUN: check kernel --lnc 2 --arg a=zeros:128x64:float32
# EXPECT: kernel[2]: output 0 is 'out' f32[128,32] on core 1 but 'out' f32[128,64] on core 0; both cores must return the same tensors (matched by position and name)
# LOC: 11:11
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    out = nl.ndarray((128, 64 - 32 * nl.program_id(0)), dtype=a.dtype, buffer=nl.shared_hbm)
    return out

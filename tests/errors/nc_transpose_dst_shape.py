# RUN: check kernel
# EXPECT: nc_transpose: dst must be [32,64] (data [64,32] transposed), got 64 partitions x 32 elements
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((64, 32), dtype=nl.bfloat16, buffer=nl.sbuf)
    t = nl.ndarray((64, 32), dtype=nl.bfloat16, buffer=nl.psum)
    nisa.nc_transpose(dst=t, data=a)

# RUN: check kernel
# EXPECT: nc_matmul: dst must be [128,512] (stationary free size x moving free size), got 128 partitions x 256 elements
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((128, 128), dtype=nl.bfloat16, buffer=nl.sbuf)
    m = nl.ndarray((128, 512), dtype=nl.bfloat16, buffer=nl.sbuf)
    acc = nl.ndarray((128, 256), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=m)

# RUN: check kernel
# EXPECT: nc_matmul: operands must be floating point, got int8
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((128, 128), dtype=nl.int8, buffer=nl.sbuf)
    m = nl.ndarray((128, 512), dtype=nl.int8, buffer=nl.sbuf)
    acc = nl.ndarray((128, 512), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=m)

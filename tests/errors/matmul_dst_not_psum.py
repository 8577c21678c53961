# RUN: check kernel
# EXPECT: nc_matmul: dst must be in psum, but 'acc' is in sbuf
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    x = nl.ndarray((128, 128), dtype=nl.bfloat16, buffer=nl.sbuf)
    acc = nl.ndarray((128, 128), dtype=nl.float32, buffer=nl.sbuf)
    nisa.nc_matmul(dst=acc, stationary=x, moving=x)

# RUN: check kernel
# EXPECT: nc_matmul: in transpose mode a float32 stationary needs a float32 dst, got bfloat16
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((64, 64), dtype=nl.float32, buffer=nl.sbuf)
    acc = nl.ndarray((64, 64), dtype=nl.bfloat16, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=s, is_transpose=True)

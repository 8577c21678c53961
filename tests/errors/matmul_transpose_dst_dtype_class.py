# RUN: check kernel
# EXPECT: nc_matmul: in transpose mode dst must be float32 or a 16-bit dtype, got int8
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((128, 128), dtype=nl.bfloat16, buffer=nl.sbuf)
    m = nl.ndarray((128, 128), dtype=nl.bfloat16, buffer=nl.sbuf)
    acc = nl.ndarray((128, 128), dtype=nl.int8, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=m, is_transpose=True)

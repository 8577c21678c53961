# RUN: check kernel
# EXPECT: nc_matmul: moving free size is 1024; the maximum is 512 (nl.tile_size.gemm_moving_fmax)
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((128, 128), dtype=nl.bfloat16, buffer=nl.sbuf)
    m = nl.ndarray((128, 1024), dtype=nl.bfloat16, buffer=nl.sbuf)
    acc = nl.ndarray((128, 1024), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=m)

# RUN: check kernel
# EXPECT: nc_matmul: stationary free size is 256; the maximum is 128 (nl.tile_size.gemm_stationary_fmax)
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((128, 256), dtype=nl.bfloat16, buffer=nl.sbuf)
    m = nl.ndarray((128, 512), dtype=nl.bfloat16, buffer=nl.sbuf)
    acc = nl.ndarray((128, 512), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=m)

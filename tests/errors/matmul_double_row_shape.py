# RUN: check kernel
# EXPECT: nc_matmul: perf_mode=double_row splits the contraction over the partitions and a first free dimension of 2; stationary is [128,128]
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((128, 128), dtype=nl.float8_e4m3, buffer=nl.sbuf)
    acc = nl.ndarray((64, 64), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=s, perf_mode=nisa.matmul_perf_mode.double_row)

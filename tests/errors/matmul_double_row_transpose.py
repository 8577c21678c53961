# RUN: check kernel
# EXPECT: nc_matmul: perf_mode=double_row cannot be combined with is_transpose
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((128, 2, 64), dtype=nl.float8_e4m3, buffer=nl.sbuf)
    acc = nl.ndarray((64, 64), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=s, is_transpose=True, perf_mode=nisa.matmul_perf_mode.double_row)

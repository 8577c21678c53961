# RUN: check kernel --target trn3
# EXPECT: nc_matmul_mx: stationary and moving must have the same contraction (partition) size; stationary has 128, moving has 64
# LOC: 16:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    st = nl.ndarray((128, 64), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    mv = nl.ndarray((64, 128), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    ss = nl.ndarray((128, 64), dtype=nl.float8_e8m0fnu, buffer=nl.sbuf)
    ms = nl.ndarray((128, 128), dtype=nl.float8_e8m0fnu, buffer=nl.sbuf)
    p = nl.ndarray((64, 128), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul_mx(dst=p, stationary=st, moving=mv, stationary_scale=ss, moving_scale=ms)

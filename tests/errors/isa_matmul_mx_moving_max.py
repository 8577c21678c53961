# RUN: check kernel --target trn3
# EXPECT: nc_matmul_mx: moving free size is 8192; with a float32 dst the maximum is 4096 (all 8 PSUM banks)
# LOC: 16:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    st = nl.ndarray((32, 64), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    mv = nl.ndarray((32, 8192), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    ss = nl.ndarray((4, 64), dtype=nl.float8_e8m0fnu, buffer=nl.sbuf)
    ms = nl.ndarray((4, 8192), dtype=nl.float8_e8m0fnu, buffer=nl.sbuf)
    p = nl.ndarray((64, 4096), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul_mx(dst=p, stationary=st, moving=mv, stationary_scale=ss, moving_scale=ms)

# RUN: check kernel --target trn3
# EXPECT: nc_matmul_mx: tile_size row_size is 16; it must be 32, 64 or 128
# LOC: 16:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    st = nl.ndarray((32, 64), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    mv = nl.ndarray((32, 128), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    ss = nl.ndarray((4, 64), dtype=nl.float8_e8m0fnu, buffer=nl.sbuf)
    ms = nl.ndarray((4, 128), dtype=nl.float8_e8m0fnu, buffer=nl.sbuf)
    p = nl.ndarray((64, 128), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul_mx(dst=p, stationary=st, moving=mv, stationary_scale=ss, moving_scale=ms, tile_position=(0, 0), tile_size=(16, 128))

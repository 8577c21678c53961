# RUN: check kernel --target trn3
# EXPECT: nc_matmul_mx: tile_position start_row is 32; it must be a multiple of the tile size 64 with the tile inside the 128-row array
# LOC: 16:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    st = nl.ndarray((64, 64), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    mv = nl.ndarray((64, 128), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    ss = nl.ndarray((64, 64), dtype=nl.float8_e8m0fnu, buffer=nl.sbuf)
    ms = nl.ndarray((64, 128), dtype=nl.float8_e8m0fnu, buffer=nl.sbuf)
    p = nl.ndarray((64, 128), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul_mx(dst=p, stationary=st, moving=mv, stationary_scale=ss, moving_scale=ms, tile_position=(32, 0), tile_size=(64, 128))

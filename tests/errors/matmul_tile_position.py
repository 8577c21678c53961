# RUN: check kernel
# EXPECT: nc_matmul: tile_position start_row is 32; it must be a multiple of the tile size 64 with the tile inside the 128-wide array
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((64, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    acc = nl.ndarray((64, 64), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=s, tile_position=(32, 0), tile_size=(64, 64))

# RUN: check kernel
# EXPECT: nc_matmul: tile_size row_size is 48; it must be 32, 64 or 128
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((32, 32), dtype=nl.bfloat16, buffer=nl.sbuf)
    acc = nl.ndarray((32, 64), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=s, tile_position=(0, 0), tile_size=(48, 128))

# RUN: check kernel
# EXPECT: nisa.nc_matmul(): tile_position and tile_size must be set together (got only tile_position)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((32, 32), dtype=nl.bfloat16, buffer=nl.sbuf)
    acc = nl.ndarray((32, 32), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=s, tile_position=(0, 0))

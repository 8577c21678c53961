# RUN: check kernel
# EXPECT: nc_matmul: stationary free size is 64; the column tile holds 32 (tile_size[1])
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((32, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    acc = nl.ndarray((64, 64), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=s, tile_position=(0, 96), tile_size=(32, 32))

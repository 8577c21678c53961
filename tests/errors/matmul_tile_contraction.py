# RUN: check kernel
# EXPECT: nc_matmul: the contraction (partition) size is 128; the row tile holds 64 (tile_size[0])
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((128, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    acc = nl.ndarray((64, 64), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=s, tile_position=(64, 0), tile_size=(64, 128))

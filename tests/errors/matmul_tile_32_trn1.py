# RUN: check kernel --target trn1
# EXPECT: nc_matmul: tile_size column_size 32 needs NeuronCore-v3 (trn2) or newer; trn1 tiles by 64 or 128
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((32, 32), dtype=nl.bfloat16, buffer=nl.sbuf)
    acc = nl.ndarray((32, 32), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=s, tile_position=(0, 0), tile_size=(64, 32))

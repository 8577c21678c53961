# RUN: check kernel
# EXPECT: nl.rand(): buffer is shared_hbm; random tiles are generated on chip (nl.sbuf or nl.psum)
# LOC: 11:9
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    r = nl.rand((128, 64), dtype=nl.float32, buffer=nl.shared_hbm)

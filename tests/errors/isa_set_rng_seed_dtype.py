# RUN: check kernel
# EXPECT: set_rng_seed: src_seeds must be a [1,1] tensor of one 32-bit value, got uint16 [1,1]
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((1, 1), dtype=nl.uint16, buffer=nl.sbuf)
    nisa.set_rng_seed(src_seeds=s)

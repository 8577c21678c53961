# RUN: check kernel
# EXPECT: nl.random_seed(): seed must be a [1,1] sbuf or psum tensor of a 32-bit dtype, got int16 (1, 1) in sbuf
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.full((1, 1), 42, dtype=nl.int16, buffer=nl.sbuf)
    nl.random_seed(s)

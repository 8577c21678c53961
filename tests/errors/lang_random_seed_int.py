# RUN: check kernel
# EXPECT: nl.random_seed(): seed must be a [1,1] sbuf or psum tensor holding a 32-bit value (e.g. nl.full((1, 1), 42, dtype=nl.int32)), not int
# LOC: 11:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    nl.random_seed(42)

# RUN: check kernel
# EXPECT: rand_get_state: dst is int32; it must be uint32
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 6), dtype=nl.int32, buffer=nl.sbuf)
    nisa.rand_get_state(dst=s)

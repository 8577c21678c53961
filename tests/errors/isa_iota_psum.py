# RUN: check kernel
# EXPECT: iota: dst must be in sbuf, but 'd' is in psum
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    d = nl.ndarray((128, 32), dtype=nl.int32, buffer=nl.psum)
    nisa.iota(dst=d, pattern=[[1, 32]])

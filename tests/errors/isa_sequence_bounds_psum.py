# RUN: check kernel
# EXPECT: sequence_bounds: dst must be in sbuf, but 'd' is in psum
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((1, 64), dtype=nl.int32, buffer=nl.sbuf)
    d = nl.ndarray((1, 2, 64), dtype=nl.int32, buffer=nl.psum)
    nisa.sequence_bounds(dst=d, segment_ids=s)

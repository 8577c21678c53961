# RUN: check kernel
# EXPECT: sequence_bounds: segment_ids is int16; it must be float32 or int32
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((1, 64), dtype=nl.int16, buffer=nl.sbuf)
    d = nl.ndarray((1, 2, 64), dtype=nl.int32, buffer=nl.sbuf)
    nisa.sequence_bounds(dst=d, segment_ids=s)

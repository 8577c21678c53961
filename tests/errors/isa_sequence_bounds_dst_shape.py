# RUN: check kernel
# EXPECT: sequence_bounds: dst must be [1,2,64] (a start and an end per segment id), got 1 partitions x 64 elements
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((1, 64), dtype=nl.int32, buffer=nl.sbuf)
    d = nl.ndarray((1, 64), dtype=nl.int32, buffer=nl.sbuf)
    nisa.sequence_bounds(dst=d, segment_ids=s)

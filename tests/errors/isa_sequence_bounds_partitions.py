# RUN: check kernel
# EXPECT: sequence_bounds: segment_ids covers 2 partitions; its partition dimension must be 1
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((2, 64), dtype=nl.int32, buffer=nl.sbuf)
    d = nl.ndarray((2, 2, 64), dtype=nl.int32, buffer=nl.sbuf)
    nisa.sequence_bounds(dst=d, segment_ids=s)

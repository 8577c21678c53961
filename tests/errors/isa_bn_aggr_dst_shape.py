# RUN: check kernel
# EXPECT: bn_aggr: dst must be [128,2], got 64 partitions x 2 elements
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 12), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((64, 2), dtype=nl.float32, buffer=nl.sbuf)
    nisa.bn_aggr(dst=d, data=a)

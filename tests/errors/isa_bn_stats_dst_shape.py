# RUN: check kernel
# EXPECT: bn_stats: dst must be [128,6], got 128 partitions x 4 elements
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    d = nl.ndarray((128, 4), dtype=nl.float32, buffer=nl.sbuf)
    nisa.bn_stats(dst=d, data=a)

# RUN: check kernel
# EXPECT: reciprocal: dst covers 128 partitions x 63 elements, data covers 128 partitions x 64 elements; they must match
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    d = nl.ndarray((128, 63), dtype=nl.float32, buffer=nl.sbuf)
    nisa.reciprocal(dst=d, data=a)

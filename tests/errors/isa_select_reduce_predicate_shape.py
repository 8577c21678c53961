# RUN: check kernel
# EXPECT: select_reduce: on_true covers 128 partitions x 64 elements, predicate covers 128 partitions x 32 elements; they must match
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    p = nl.ndarray((128, 32), dtype=nl.uint8, buffer=nl.sbuf)
    nisa.select_reduce(dst=a, predicate=p, on_true=a, on_false=0.0)

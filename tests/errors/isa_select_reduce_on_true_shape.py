# RUN: check kernel
# EXPECT: select_reduce: dst covers 128 partitions x 64 elements, on_true covers 128 partitions x 32 elements; they must match
# LOC: 15:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    p = nl.ndarray((128, 64), dtype=nl.uint8, buffer=nl.sbuf)
    
    t = nl.ndarray((128, 32), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.select_reduce(dst=d, predicate=p, on_true=t, on_false=0.0)

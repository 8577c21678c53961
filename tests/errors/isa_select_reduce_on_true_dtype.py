# RUN: check kernel
# EXPECT: select_reduce: on_true is int32; any dtype but tfloat32, int32 and uint32 is supported
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    p = nl.ndarray((128, 64), dtype=nl.uint8, buffer=nl.sbuf)
    
    t = nl.ndarray((128, 64), dtype=nl.int32, buffer=nl.sbuf)
    nisa.select_reduce(dst=t, predicate=p, on_true=t, on_false=0.0)

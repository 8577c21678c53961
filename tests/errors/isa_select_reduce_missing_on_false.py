# RUN: check kernel
# EXPECT: nisa.select_reduce() missing required argument 'on_false'
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    p = nl.ndarray((128, 64), dtype=nl.uint8, buffer=nl.sbuf)
    nisa.select_reduce(dst=a, predicate=p, on_true=a)

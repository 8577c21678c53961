# RUN: check kernel
# EXPECT: select_reduce: on_false must be a number or a [128,1] tensor (one value per partition of on_true), got [128,3]
# LOC: 15:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    p = nl.ndarray((128, 64), dtype=nl.uint8, buffer=nl.sbuf)
    
    v = nl.ndarray((128, 3), dtype=nl.float32, buffer=nl.sbuf)
    nisa.select_reduce(dst=a, predicate=p, on_true=a, on_false=v)

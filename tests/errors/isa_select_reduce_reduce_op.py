# RUN: check kernel
# EXPECT: select_reduce: reduce_op must be nl.maximum, got nl.add
# LOC: 15:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    p = nl.ndarray((128, 64), dtype=nl.uint8, buffer=nl.sbuf)
    r = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    
    nisa.select_reduce(dst=a, predicate=p, on_true=a, on_false=0.0, reduce_res=r, reduce_op=nl.add)

# RUN: check kernel
# EXPECT: select_reduce: predicate is uint32; it must be int8, uint8, int16 or uint16
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    p = nl.ndarray((128, 64), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.select_reduce(dst=a, predicate=p, on_true=a, on_false=0.0)

# RUN: check kernel
# EXPECT: select_reduce: on_true and predicate cannot both be in psum
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    p = nl.ndarray((128, 64), dtype=nl.uint8, buffer=nl.psum)
    t = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.psum)
    d = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.select_reduce(dst=d, predicate=p, on_true=t, on_false=0.0)

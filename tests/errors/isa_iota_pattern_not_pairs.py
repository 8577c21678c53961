# RUN: check kernel
# EXPECT: nisa.iota() argument 'pattern' must be a list of [step, num] pairs, got an element 1
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    d = nl.ndarray((128, 32), dtype=nl.int32, buffer=nl.sbuf)
    nisa.iota(dst=d, pattern=[1, 32])

# RUN: check kernel --target trn3
# EXPECT: rand2: min = 1 must be less than max = 1
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    t = nl.ndarray((16, 4), dtype=nl.float32, buffer=nl.sbuf)
    nisa.rand2(dst=t, min=1.0, max=1.0)

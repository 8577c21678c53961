# RUN: check kernel --target trn3
# EXPECT: rand2: min must be a number or a [16,1] tensor (one value per partition of dst), got [16,2]
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    t = nl.ndarray((16, 4), dtype=nl.float32, buffer=nl.sbuf)
    lo = nl.ndarray((16, 2), dtype=nl.float32, buffer=nl.sbuf)
    nisa.rand2(dst=t, min=lo, max=1.0)

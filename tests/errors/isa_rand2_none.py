# RUN: check kernel --target trn3
# EXPECT: nisa.rand2(): min and max must be numbers or [P,1] tensors, not None
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    t = nl.ndarray((16, 4), dtype=nl.float32, buffer=nl.sbuf)
    nisa.rand2(dst=t, min=None, max=1.0)

# RUN: check kernel
# EXPECT: affine_select: on_true_tile must be in sbuf, but 'a' is in psum
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.psum)
    d = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.affine_select(dst=d, pattern=[[-1, 64]], channel_multiplier=1, on_true_tile=a, on_false_value=0.0)

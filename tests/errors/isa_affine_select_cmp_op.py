# RUN: check kernel
# EXPECT: affine_select: cmp_op=nl.add is not a comparison operator
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    nisa.affine_select(dst=a, pattern=[[-1, 64]], channel_multiplier=1, on_true_tile=a, on_false_value=0.0, cmp_op=nl.add)

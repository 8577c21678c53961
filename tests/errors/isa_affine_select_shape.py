# RUN: check kernel
# EXPECT: affine_select: dst covers 128 partitions x 32 elements, on_true_tile covers 128 partitions x 64 elements; they must match
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    d = nl.ndarray((128, 32), dtype=nl.float32, buffer=nl.sbuf)
    nisa.affine_select(dst=d, pattern=[[-1, 32]], channel_multiplier=1, on_true_tile=a, on_false_value=0.0)

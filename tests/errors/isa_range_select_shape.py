# RUN: check kernel
# EXPECT: range_select: dst covers 128 partitions x 32 elements, on_true_tile covers 128 partitions x 64 elements; they must match
# LOC: 16:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    b0 = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    b1 = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    
    d = nl.ndarray((128, 32), dtype=nl.float32, buffer=nl.sbuf)
    nisa.range_select(dst=d, on_true_tile=a, comp_op0=nl.greater_equal, comp_op1=nl.less, bound0=b0, bound1=b1)

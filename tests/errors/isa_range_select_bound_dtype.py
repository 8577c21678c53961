# RUN: check kernel
# EXPECT: range_select: bound1 is int32; it must be float32
# LOC: 15:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    b0 = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    b1 = nl.ndarray((128, 1), dtype=nl.int32, buffer=nl.sbuf)
    nisa.range_select(dst=a, on_true_tile=a, comp_op0=nl.greater_equal, comp_op1=nl.less, bound0=b0, bound1=b1)

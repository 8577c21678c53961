# RUN: check kernel
# EXPECT: range_select: on_true_tile is int16; it must be a float dtype
# LOC: 15:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    b0 = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    b1 = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    
    t = nl.ndarray((128, 64), dtype=nl.int16, buffer=nl.sbuf)
    nisa.range_select(dst=t, on_true_tile=t, comp_op0=nl.greater_equal, comp_op1=nl.less, bound0=b0, bound1=b1)

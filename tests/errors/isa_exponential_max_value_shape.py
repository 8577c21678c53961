# RUN: check kernel --target trn3
# EXPECT: exponential: max_value must be a number or a [128,1] tensor (one value per partition of src), got [64,1]
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    m = nl.ndarray((64, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.exponential(dst=a, src=a, max_value=m)

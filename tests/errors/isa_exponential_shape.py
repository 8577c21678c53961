# RUN: check kernel --target trn3
# EXPECT: exponential: dst covers 128 partitions x 32 elements, src covers 128 partitions x 64 elements; they must match
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    b = nl.ndarray((128, 32), dtype=nl.float32, buffer=nl.sbuf)
    nisa.exponential(dst=b, src=a)

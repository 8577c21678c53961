# RUN: check kernel
# EXPECT: max8: dst covers 64 partitions and src covers 128; they must match
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((64, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.max8(dst=d, src=s)

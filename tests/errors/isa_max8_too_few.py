# RUN: check kernel
# EXPECT: max8: src has 7 elements per partition; it must have 8 to 16384
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((128, 7), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((128, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.max8(dst=d, src=s)

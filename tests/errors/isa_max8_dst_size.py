# RUN: check kernel
# EXPECT: max8: dst has 4 elements per partition; max8 writes the 8 largest values of each partition
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((128, 4), dtype=nl.float32, buffer=nl.sbuf)
    nisa.max8(dst=d, src=s)

# RUN: check kernel
# EXPECT: iota: pattern generates 16 values per partition but dst has 32 elements per partition
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    d = nl.ndarray((128, 32), dtype=nl.int32, buffer=nl.sbuf)
    nisa.iota(dst=d, pattern=[[1, 16]])

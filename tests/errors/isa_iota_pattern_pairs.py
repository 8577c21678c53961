# RUN: check kernel
# EXPECT: iota: pattern has 5 [step, num] pairs; 1 to 4 are allowed
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    d = nl.ndarray((128, 32), dtype=nl.int32, buffer=nl.sbuf)
    nisa.iota(dst=d, pattern=[[1, 2], [1, 2], [1, 2], [1, 2], [1, 2]])

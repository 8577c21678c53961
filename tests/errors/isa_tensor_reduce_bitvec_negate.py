# RUN: check kernel
# EXPECT: tensor_reduce: negate applies to arithmetic operators only
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.int32, buffer=nl.sbuf)
    d = nl.ndarray((128, 1), dtype=nl.int32, buffer=nl.sbuf)
    nisa.tensor_reduce(dst=d, op=nl.bitwise_xor, data=a, axis=1, negate=True)

# RUN: check kernel
# EXPECT: tensor_scalar_cumulative: op0=nl.bitwise_and is not an arithmetic operator
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.int16, buffer=nl.sbuf)
    nisa.tensor_scalar_cumulative(dst=a, src=a, op0=nl.bitwise_and, op1=nl.add, imm0=1)

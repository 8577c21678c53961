# RUN: check kernel
# EXPECT: tensor_scalar: op0=nl.bitwise_and and op1=nl.add must both be bit-vector or both arithmetic operators
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.int32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar(dst=a, data=a, op0=nl.bitwise_and, operand0=3, op1=nl.add, operand1=1.0)

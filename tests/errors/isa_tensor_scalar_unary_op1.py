# RUN: check kernel
# EXPECT: tensor_scalar: op1=nl.abs is a unary operator; only op0 may be unary
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar(dst=a, data=a, op0=nl.add, operand0=1.0, op1=nl.abs, operand1=0.0)

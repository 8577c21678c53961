# RUN: check kernel
# EXPECT: scalar_tensor_tensor: op0=nl.bitwise_and is not an arithmetic operator
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.int32, buffer=nl.sbuf)
    nisa.scalar_tensor_tensor(dst=a, data=a, op0=nl.bitwise_and, operand0=3, op1=nl.add, operand1=a)

# RUN: check kernel
# EXPECT: nisa.scalar_tensor_tensor(): operand0 must be a number or a [P,1] tensor
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    nisa.scalar_tensor_tensor(dst=a, data=a, op0=nl.add, operand0=None, op1=nl.multiply, operand1=a)

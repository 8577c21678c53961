# RUN: check kernel
# EXPECT: scalar_tensor_tensor: operand0 must be a number or a [128,1] tensor (one value per partition of data), got [128,2]
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    v = nl.ndarray((128, 2), dtype=nl.float32, buffer=nl.sbuf)
    nisa.scalar_tensor_tensor(dst=a, data=a, op0=nl.add, operand0=v, op1=nl.multiply, operand1=a)

# RUN: check kernel
# EXPECT: scalar_tensor_tensor: dst covers 128 partitions x 32 elements, data covers 128 partitions x 64 elements; they must match
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    d = nl.ndarray((128, 32), dtype=nl.float32, buffer=nl.sbuf)
    nisa.scalar_tensor_tensor(dst=d, data=a, op0=nl.add, operand0=1.0, op1=nl.multiply, operand1=a)

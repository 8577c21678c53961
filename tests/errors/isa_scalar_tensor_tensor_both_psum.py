# RUN: check kernel
# EXPECT: scalar_tensor_tensor: data and operand1 cannot both be in psum
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.psum)
    b = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.psum)
    d = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.scalar_tensor_tensor(dst=d, data=a, op0=nl.add, operand0=1.0, op1=nl.multiply, operand1=b)

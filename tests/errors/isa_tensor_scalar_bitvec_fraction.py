# RUN: check kernel
# EXPECT: tensor_scalar: operand0=1.5 must be an integer for a bit-vector operator
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.uint16, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar(dst=a, data=a, op0=nl.bitwise_xor, operand0=1.5)

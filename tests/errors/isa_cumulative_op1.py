# RUN: check kernel
# EXPECT: tensor_scalar_cumulative: op1=nl.divide is not a cumulative operator (nl.add, nl.subtract, nl.multiply, nl.maximum, nl.minimum)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    nisa.tensor_scalar_cumulative(dst=a, src=a, op0=nl.multiply, op1=nl.divide, imm0=1.0)

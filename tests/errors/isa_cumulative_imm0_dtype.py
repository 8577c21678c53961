# RUN: check kernel
# EXPECT: tensor_scalar_cumulative: imm0 is bfloat16; it must be float32
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    v = nl.ndarray((128, 1), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.tensor_scalar_cumulative(dst=a, src=a, op0=nl.multiply, op1=nl.add, imm0=v)

# RUN: check kernel
# EXPECT: nisa.tensor_scalar_cumulative(): imm0 must be a number or a [P,1] tensor, not None
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    nisa.tensor_scalar_cumulative(dst=a, src=a, op0=nl.multiply, op1=nl.add, imm0=None)

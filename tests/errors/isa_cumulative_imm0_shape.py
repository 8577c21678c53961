# RUN: check kernel
# EXPECT: tensor_scalar_cumulative: imm0 must be a number or a [128,1] tensor (one value per partition of src), got [128,2]
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    v = nl.ndarray((128, 2), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar_cumulative(dst=a, src=a, op0=nl.multiply, op1=nl.add, imm0=v)

# RUN: check kernel
# EXPECT: tensor_scalar_reduce: operand0 must be a number or a [128,1] tensor (one value per partition of data), got [128,4]
# LOC: 15:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    r = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    
    v = nl.ndarray((128, 4), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar_reduce(dst=a, data=a, op0=nl.multiply, operand0=v, reduce_op=nl.add, reduce_res=r)

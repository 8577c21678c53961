# RUN: check kernel
# EXPECT: tensor_scalar_reduce: dst covers 128 partitions x 32 elements, data covers 128 partitions x 64 elements; they must match
# LOC: 15:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    r = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    
    d = nl.ndarray((128, 32), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar_reduce(dst=d, data=a, op0=nl.multiply, operand0=2.0, reduce_op=nl.add, reduce_res=r)

# RUN: check kernel
# EXPECT: tensor_scalar_reduce: op0=nl.bitwise_and is not an arithmetic operator
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.int32, buffer=nl.sbuf)
    r = nl.ndarray((128, 1), dtype=nl.int32, buffer=nl.sbuf)
    nisa.tensor_scalar_reduce(dst=a, data=a, op0=nl.bitwise_and, operand0=7, reduce_op=nl.add, reduce_res=r)

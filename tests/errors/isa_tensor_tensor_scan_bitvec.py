# RUN: check kernel
# EXPECT: tensor_tensor_scan: op1=nl.bitwise_or is not an arithmetic operator
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.int32, buffer=nl.sbuf)
    nisa.tensor_tensor_scan(dst=a, data0=a, data1=a, initial=0, op0=nl.multiply, op1=nl.bitwise_or)

# RUN: check kernel
# EXPECT: tensor_tensor_scan: data0 covers 128 partitions x 64 elements, data1 covers 128 partitions x 32 elements; they must match
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    b = nl.ndarray((128, 32), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_tensor_scan(dst=a, data0=a, data1=b, initial=0.0, op0=nl.multiply, op1=nl.add)

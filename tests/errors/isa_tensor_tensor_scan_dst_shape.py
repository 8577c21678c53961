# RUN: check kernel
# EXPECT: tensor_tensor_scan: dst covers 64 partitions x 64 elements, data0 covers 128 partitions x 64 elements; they must match
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    d = nl.ndarray((64, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_tensor_scan(dst=d, data0=a, data1=a, initial=0.0, op0=nl.multiply, op1=nl.add)

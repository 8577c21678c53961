# RUN: check kernel
# EXPECT: tensor_tensor_scan: initial must be a number or a [128,1] tensor (one value per partition of data0), got [64,1]
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    v = nl.ndarray((64, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_tensor_scan(dst=a, data0=a, data1=a, initial=v, op0=nl.multiply, op1=nl.add)

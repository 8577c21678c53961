# RUN: check kernel
# EXPECT: nisa.tensor_tensor_scan(): initial must be a number or a [P,1] tensor
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    nisa.tensor_tensor_scan(dst=a, data0=a, data1=a, initial=None, op0=nl.multiply, op1=nl.add)

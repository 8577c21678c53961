# RUN: check kernel
# EXPECT: tensor_tensor_scan: data0 and data1 cannot both be in psum
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.psum)
    b = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.psum)
    d = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_tensor_scan(dst=d, data0=a, data1=b, initial=0.0, op0=nl.multiply, op1=nl.add)

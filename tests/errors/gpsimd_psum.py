# RUN: check kernel
# EXPECT: tensor_tensor: the GpSimd engine cannot access PSUM (data1 'p' is in psum)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    t = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    p = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.psum)
    nisa.tensor_tensor(dst=t, data1=p, data2=t, op=nl.add, engine=nisa.engine.gpsimd)

# RUN: check kernel
# EXPECT: tensor_tensor: nl.power runs on the GpSimd engine (not on the vector engine)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_tensor(dst=a, data1=a, data2=a, op=nl.power, engine=nisa.engine.vector)

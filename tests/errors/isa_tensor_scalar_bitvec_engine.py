# RUN: check kernel
# EXPECT: tensor_scalar: bit-vector operators run on the Vector engine (not on the scalar engine)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.int32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar(dst=a, data=a, op0=nl.left_shift, operand0=3, engine=nisa.engine.scalar)

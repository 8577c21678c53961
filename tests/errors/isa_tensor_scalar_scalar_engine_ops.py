# RUN: check kernel
# EXPECT: tensor_scalar: the Scalar engine supports op0=nl.multiply with op1=nl.add or None, or op0=nl.add with op1=None; got op0=nl.subtract, op1=None
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar(dst=a, data=a, op0=nl.subtract, operand0=2.0, engine=nisa.engine.scalar)

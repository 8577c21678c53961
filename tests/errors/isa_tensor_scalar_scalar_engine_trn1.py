# RUN: check kernel --target trn1
# EXPECT: tensor_scalar: the Scalar engine runs tensor_scalar from NeuronCore-v3 (trn2) on
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_scalar(dst=a, data=a, op0=nl.multiply, operand0=2.0, engine=nisa.engine.scalar)

# RUN: check kernel --target trn1
# EXPECT: tensor_copy: the Scalar engine cannot run tensor_copy on NeuronCore-v2 (trn1); use activation(op=nl.copy)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=a, src=a, engine=nisa.engine.scalar)

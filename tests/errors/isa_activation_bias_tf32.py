# RUN: check kernel
# EXPECT: activation: bias cannot be tfloat32
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.tfloat32, buffer=nl.sbuf)
    nisa.activation(dst=a, op=nl.exp, data=a, bias=v)

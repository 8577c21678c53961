# RUN: check kernel
# EXPECT: activation: scale is bfloat16; a scale tensor must be float32
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.activation(dst=a, op=nl.exp, data=a, scale=v)

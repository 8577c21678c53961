# RUN: check kernel
# EXPECT: activation: op=nl.prelu takes its slope from relu_param, which activation has not; use nisa.activate2 (trn3)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.activation(dst=a, op=nl.prelu, data=a)

# RUN: check kernel
# EXPECT: nisa.activation(): op=nl.gelu is not supported yet by nki (supported: nl.copy, nl.exp, nl.tanh, nl.relu)
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    t = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.activation(dst=t, op=nl.gelu, data=t)

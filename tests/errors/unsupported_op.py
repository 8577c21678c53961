# RUN: check kernel
# EXPECT: nisa.activation(): op=nl.add is not an activation function (nki-api.md §8.2: nl.copy, nl.exp,
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    t = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.activation(dst=t, op=nl.add, data=t)

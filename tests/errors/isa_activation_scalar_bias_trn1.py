# RUN: check kernel --target trn1
# EXPECT: activation: bias must be a [P,1] tensor on NeuronCore-v2 (trn1); a scalar bias needs NeuronCore-v3 (trn2)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.activation(dst=a, op=nl.exp, data=a, bias=1.0)

# RUN: check kernel --target trn1
# EXPECT: rand_get_state: needs NeuronCore-v3 (trn2) or newer; the target is NeuronCore-v2 (trn1)
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 6), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.rand_get_state(dst=s)

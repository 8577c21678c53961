# RUN: check kernel
# EXPECT: rand2: needs NeuronCore-v4 (trn3) or newer; the target is NeuronCore-v3 (trn2)
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    t = nl.ndarray((16, 4), dtype=nl.float32, buffer=nl.sbuf)
    nisa.rand2(dst=t, min=0.0, max=1.0)

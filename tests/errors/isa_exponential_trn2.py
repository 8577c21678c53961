# RUN: check kernel
# EXPECT: exponential: needs NeuronCore-v4 (trn3) or newer; the target is NeuronCore-v3 (trn2)
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    t = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.exponential(dst=t, src=t, max_value=1.0)

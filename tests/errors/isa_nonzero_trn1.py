# RUN: check kernel --target trn1
# EXPECT: nonzero_with_count: needs NeuronCore-v3 (trn2) or newer; the target is NeuronCore-v2 (trn1)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((16, 65), dtype=nl.int32, buffer=nl.sbuf)
    nisa.nonzero_with_count(dst=d, src=s)

# RUN: check kernel --target trn1
# EXPECT: topk: needs NeuronCore-v3 (trn2) or newer; the target is NeuronCore-v2 (trn1)
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 4), dtype=nl.bfloat16, buffer=nl.sbuf)
    v = nl.ndarray((16, 8), dtype=nl.bfloat16, buffer=nl.sbuf)
    i = nl.ndarray((16, 8), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.topk(val_dst=v, idx_dst=i, src=s, n=64)

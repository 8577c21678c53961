# RUN: check kernel
# EXPECT: quantize_mx: needs NeuronCore-v4 (trn3) or newer; the target is NeuronCore-v3 (trn2)
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    x = nl.ndarray((32, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    q = nl.ndarray((32, 16), dtype=nl.uint32, buffer=nl.sbuf)
    s = nl.ndarray((4, 16), dtype=nl.uint8, buffer=nl.sbuf)
    nisa.quantize_mx(dst=q, src=x, dst_scale=s)

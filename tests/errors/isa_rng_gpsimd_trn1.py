# RUN: check kernel --target trn1
# EXPECT: rng: the GpSimd engine generates random numbers from NeuronCore-v3 (trn2) on; on NeuronCore-v2 (trn1) use the Vector engine
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    t = nl.ndarray((16, 4), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.rng(dst=t, engine=nisa.engine.gpsimd)

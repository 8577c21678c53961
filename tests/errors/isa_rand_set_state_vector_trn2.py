# RUN: check kernel
# EXPECT: rand_set_state: runs on the GpSimd engine on NeuronCore-v3 (trn2); the Vector engine needs NeuronCore-v4 (trn3)
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 24), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.rand_set_state(src_seeds=s, engine=nisa.engine.vector)

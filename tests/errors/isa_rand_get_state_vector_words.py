# RUN: check kernel --target trn3
# EXPECT: rand_get_state: dst has 6 elements per partition; the Vector engine's XORWOW state is 24 uint32 per partition
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 6), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.rand_get_state(dst=s, engine=nisa.engine.vector)

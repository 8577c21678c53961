# RUN: check kernel
# EXPECT: rand_set_state: src_seeds has 5 elements per partition; the GpSimd engine's XORWOW state is 6 uint32 per partition
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 5), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.rand_set_state(src_seeds=s)

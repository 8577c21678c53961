# RUN: check kernel
# EXPECT: nl.gather_flattened(): axis is 1; only axis=0 is supported (each partition gathers from its own flattened free dimensions)
# LOC: 13:9
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    data = nl.zeros((16, 32), dtype=nl.float32)
    idx = nl.zeros((16, 8), dtype=nl.uint32)
    g = nl.gather_flattened(data, idx, axis=1)

# RUN: check kernel
# EXPECT: nl.gather_flattened(): indices must be uint32, not int32
# LOC: 13:9
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    data = nl.zeros((16, 32), dtype=nl.float32)
    idx = nl.zeros((16, 8), dtype=nl.int32)
    g = nl.gather_flattened(data, idx)

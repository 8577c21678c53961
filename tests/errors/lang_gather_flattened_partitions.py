# RUN: check kernel
# EXPECT: nl.gather_flattened(): data has shape (16, 32) and indices (8, 8); their partition dimensions must match
# LOC: 13:9
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    data = nl.zeros((16, 32), dtype=nl.float32)
    idx = nl.zeros((8, 8), dtype=nl.uint32)
    g = nl.gather_flattened(data, idx)

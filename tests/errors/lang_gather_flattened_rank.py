# RUN: check kernel
# EXPECT: nl.gather_flattened(): data has shape (16, 2, 2, 2, 2); it must be 2-, 3- or 4-dimensional
# LOC: 13:9
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    data = nl.zeros((16, 2, 2, 2, 2), dtype=nl.float32)
    idx = nl.zeros((16, 8), dtype=nl.uint32)
    g = nl.gather_flattened(data, idx)

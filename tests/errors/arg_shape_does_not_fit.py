# RUN: run tensor_add --arg a=random:100x512:float32 --arg b=random:100x512:float32
# EXPECT: assertion failed: the row count (100) must be a multiple of 128
# LOC: 16:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def tensor_add(a, b):
    # The same checks as kernels/tensor_add.py: an input of the wrong shape must be reported at
    # the kernel line that rejects it.
    assert a.shape == b.shape, f"a and b must have the same shape, got {a.shape} and {b.shape}"
    rows, cols = a.shape
    P = nl.tile_size.pmax
    assert rows % P == 0, f"the row count ({rows}) must be a multiple of {P}"
    return a

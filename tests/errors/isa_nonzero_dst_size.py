# RUN: check kernel
# EXPECT: nonzero_with_count: dst has 64 elements per partition; it must be one more than src's (for the count)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((16, 64), dtype=nl.int32, buffer=nl.sbuf)
    nisa.nonzero_with_count(dst=d, src=s)

# RUN: check kernel
# EXPECT: nonzero_with_count: src is bfloat16; it must be float32 or int32
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    d = nl.ndarray((16, 65), dtype=nl.int32, buffer=nl.sbuf)
    nisa.nonzero_with_count(dst=d, src=s)

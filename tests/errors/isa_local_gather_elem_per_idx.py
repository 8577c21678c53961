# RUN: check kernel
# EXPECT: local_gather: num_elem_per_idx is 3; it must be 1, 2, 4, 8, 16 or 32
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    i = nl.ndarray((16, 2), dtype=nl.uint16, buffer=nl.sbuf)
    d = nl.ndarray((16, 96), dtype=nl.float32, buffer=nl.sbuf)
    nisa.local_gather(dst=d, src_buffer=s, index=i, num_elem_per_idx=3)

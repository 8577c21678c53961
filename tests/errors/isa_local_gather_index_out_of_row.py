# RUN: run kernel
# EXPECT: local_gather: index 60 (partition 0, column 0) reads elements 60..67 of a 64-element src_buffer row
# LOC: 16:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    i = nl.ndarray((16, 1), dtype=nl.uint16, buffer=nl.sbuf)
    d = nl.ndarray((16, 16), dtype=nl.float32, buffer=nl.sbuf)
    nisa.memset(dst=s, value=1.0)
    nisa.iota(dst=i, pattern=[[0, 1]], offset=60)
    nisa.local_gather(dst=d[:, 0:8], src_buffer=s, index=i, num_elem_per_idx=8, num_valid_indices=1)

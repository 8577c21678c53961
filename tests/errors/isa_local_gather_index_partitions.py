# RUN: check kernel
# EXPECT: local_gather: index covers 16 partitions and src_buffer covers 32; they must match
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((32, 64), dtype=nl.float32, buffer=nl.sbuf)
    i = nl.ndarray((16, 2), dtype=nl.uint16, buffer=nl.sbuf)
    d = nl.ndarray((32, 32), dtype=nl.float32, buffer=nl.sbuf)
    nisa.local_gather(dst=d, src_buffer=s, index=i)

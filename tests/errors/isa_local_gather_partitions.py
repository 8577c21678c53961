# RUN: check kernel
# EXPECT: local_gather: src_buffer covers 8 partitions; it must be a multiple of 16 (one GpSimd core each)
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((8, 64), dtype=nl.float32, buffer=nl.sbuf)
    i = nl.ndarray((8, 2), dtype=nl.uint16, buffer=nl.sbuf)
    d = nl.ndarray((8, 32), dtype=nl.float32, buffer=nl.sbuf)
    nisa.local_gather(dst=d, src_buffer=s, index=i)

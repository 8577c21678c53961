# RUN: check kernel
# EXPECT: local_gather: index gives each GpSimd core 4112 indices (16 partitions x 257); the maximum is 4096
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    i = nl.ndarray((16, 257), dtype=nl.uint16, buffer=nl.sbuf)
    d = nl.ndarray((16, 4112), dtype=nl.float32, buffer=nl.sbuf)
    nisa.local_gather(dst=d, src_buffer=s, index=i)

# RUN: check kernel
# EXPECT: local_gather: index is int32; it must be uint16
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    i = nl.ndarray((16, 2), dtype=nl.int32, buffer=nl.sbuf)
    d = nl.ndarray((16, 32), dtype=nl.float32, buffer=nl.sbuf)
    nisa.local_gather(dst=d, src_buffer=s, index=i)

# RUN: check kernel
# EXPECT: local_gather: num_valid_indices is 33; it must be 1 to 32 (the indices of one core's 16 partitions)
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    i = nl.ndarray((16, 2), dtype=nl.uint16, buffer=nl.sbuf)
    d = nl.ndarray((16, 33), dtype=nl.float32, buffer=nl.sbuf)
    nisa.local_gather(dst=d, src_buffer=s, index=i, num_valid_indices=33)

# RUN: check kernel
# EXPECT: local_gather: dst has 32 elements per partition; it must be num_valid_indices * num_elem_per_idx = 32 * 2
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    i = nl.ndarray((16, 2), dtype=nl.uint16, buffer=nl.sbuf)
    d = nl.ndarray((16, 32), dtype=nl.float32, buffer=nl.sbuf)
    nisa.local_gather(dst=d, src_buffer=s, index=i, num_elem_per_idx=2)

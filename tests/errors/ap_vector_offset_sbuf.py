# RUN: check kernel
# EXPECT: ap(): vector_offset indexes rows of an HBM tensor; 't' is in sbuf
# LOC: 14:30
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    t = nl.ndarray((128, 8), dtype=nl.float32, buffer=nl.sbuf)
    idx = nl.ndarray((128, 1), dtype=nl.uint32, buffer=nl.sbuf)
    d = nl.ndarray((128, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=d, src=t.ap(pattern=[[8, 128], [1, 8]], vector_offset=idx, indirect_dim=0))

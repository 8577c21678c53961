# RUN: check kernel
# EXPECT: dropout: dst covers 128 partitions x 32 elements, data covers 128 partitions x 64 elements; they must match
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    d = nl.ndarray((128, 32), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dropout(dst=d, data=a, prob=0.5)

# RUN: check kernel
# EXPECT: dropout: prob is uint8; it must be a float dtype
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    v = nl.ndarray((128, 1), dtype=nl.uint8, buffer=nl.sbuf)
    nisa.dropout(dst=a, data=a, prob=v)

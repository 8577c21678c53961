# RUN: check kernel
# EXPECT: dropout: prob=1.5 is not a probability (0 to 1)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    nisa.dropout(dst=a, data=a, prob=1.5)

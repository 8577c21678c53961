# RUN: check kernel
# EXPECT: dropout: dst is bfloat16 and data is float32; they must have the same dtype
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    d = nl.ndarray((128, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.dropout(dst=d, data=a, prob=0.5)

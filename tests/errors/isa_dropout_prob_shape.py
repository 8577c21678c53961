# RUN: check kernel
# EXPECT: dropout: prob must be a number or a [128,1] tensor (one value per partition of data), got [128,2]
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    v = nl.ndarray((128, 2), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dropout(dst=a, data=a, prob=v)

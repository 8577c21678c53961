# RUN: check kernel
# EXPECT: nisa.dropout(): prob must be a number or a tensor, not str
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    nisa.dropout(dst=a, data=a, prob="half")

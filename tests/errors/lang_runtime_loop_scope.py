# RUN: check kernel
# EXPECT: tensor 't' was allocated inside a runtime loop
# EXPECT: and cannot be used outside it
# LOC: 14:5
import nki
import nki.isa as nisa
import nki.language as nl


def kernel():
    for i in nl.dynamic_range(4):
        t = nl.ndarray((128, 4), dtype=nl.float32, buffer=nl.sbuf)
        nisa.memset(dst=t, value=0.0)
    nisa.memset(dst=t, value=1.0)

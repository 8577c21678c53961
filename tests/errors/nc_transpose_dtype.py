# RUN: check kernel
# EXPECT: nc_transpose: dst dtype float32 must equal data dtype bfloat16
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((32, 32), dtype=nl.bfloat16, buffer=nl.sbuf)
    t = nl.ndarray((32, 32), dtype=nl.float32, buffer=nl.sbuf)
    nisa.nc_transpose(dst=t, data=a)

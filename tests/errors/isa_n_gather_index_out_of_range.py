# RUN: run kernel
# EXPECT: nc_n_gather: indices[0, 3] = 90 is outside data's 64 elements per partition
# LOC: 16:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    i = nl.ndarray((16, 4), dtype=nl.uint32, buffer=nl.sbuf)
    d = nl.ndarray((16, 4), dtype=nl.float32, buffer=nl.sbuf)
    nisa.memset(dst=s, value=1.0)
    nisa.iota(dst=i, pattern=[[30, 4]])
    nisa.nc_n_gather(dst=d, data=s, indices=i)

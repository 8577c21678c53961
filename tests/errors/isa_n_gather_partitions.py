# RUN: check kernel
# EXPECT: nc_n_gather: indices covers 32 partitions and dst covers 16; they must match
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    i = nl.ndarray((32, 4), dtype=nl.uint32, buffer=nl.sbuf)
    d = nl.ndarray((16, 4), dtype=nl.float32, buffer=nl.sbuf)
    nisa.nc_n_gather(dst=d, data=s, indices=i)

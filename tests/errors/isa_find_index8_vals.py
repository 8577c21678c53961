# RUN: check kernel
# EXPECT: nc_find_index8: vals has 4 elements per partition; vals holds the 8 values to find in each partition
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((16, 4), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((16, 8), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.nc_find_index8(dst=d, data=s, vals=v)

# RUN: check kernel
# EXPECT: nc_find_index8: data has 16385 elements per partition; it must have 8 to 16384
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((1, 16385), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((1, 8), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((1, 8), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.nc_find_index8(dst=d, data=s, vals=v)

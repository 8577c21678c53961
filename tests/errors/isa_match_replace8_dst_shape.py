# RUN: check kernel
# EXPECT: nc_match_replace8: dst covers 16 partitions x 63 elements, data covers 16 partitions x 64 elements; they must match
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((16, 8), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((16, 63), dtype=nl.float32, buffer=nl.sbuf)
    nisa.nc_match_replace8(dst=d, data=s, vals=v, imm=0.0)

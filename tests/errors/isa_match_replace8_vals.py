# RUN: check kernel
# EXPECT: nc_match_replace8: vals has 9 elements per partition; vals holds the 8 values to match in each partition
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((16, 9), dtype=nl.float32, buffer=nl.sbuf)
    nisa.nc_match_replace8(dst=s, data=s, vals=v, imm=0.0)

# RUN: check kernel
# EXPECT: nc_match_replace8: dst_idx is float32; it must be uint16 or uint32
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((16, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((16, 8), dtype=nl.float32, buffer=nl.sbuf)
    i = nl.ndarray((16, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.nc_match_replace8(dst=s, data=s, vals=v, imm=0.0, dst_idx=i)

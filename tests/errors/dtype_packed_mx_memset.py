# RUN: check kernel --target trn3
# EXPECT: memset: dst is float8_e4m3fn_x4; a packed MX dtype can only be memset to 0
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    q = nl.ndarray((32, 16), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    nisa.memset(dst=q, value=1.0)

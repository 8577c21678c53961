# RUN: check kernel --target trn3
# EXPECT: dma_copy: dst is float8_e4m3fn_x4 and src is uint32; a packed MX dtype is copied bit for bit, to the same dtype
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    q = nl.ndarray((32, 16), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    u = nl.ndarray((32, 16), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.dma_copy(dst=q, src=u)

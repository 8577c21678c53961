# RUN: check kernel --target trn1
# EXPECT: nc_matmul: dst must be float32 on trn1 (PSUM accumulates in fp32), got bfloat16
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    s = nl.ndarray((64, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    acc = nl.ndarray((64, 64), dtype=nl.bfloat16, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=s, is_transpose=True)

# RUN: check kernel --target trn3
# EXPECT: quantize_mx: dst_scale is float8_e4m3; it must be float8_e8m0fnu or uint8
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    x = nl.ndarray((32, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    q = nl.ndarray((32, 16), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    s = nl.ndarray((4, 16), dtype=nl.float8_e4m3, buffer=nl.sbuf)
    nisa.quantize_mx(dst=q, src=x, dst_scale=s)

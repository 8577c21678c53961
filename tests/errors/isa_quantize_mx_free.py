# RUN: check kernel --target trn3
# EXPECT: quantize_mx: src has 62 elements per partition; it must be a multiple of 4
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    x = nl.ndarray((32, 62), dtype=nl.bfloat16, buffer=nl.sbuf)
    q = nl.ndarray((32, 16), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    s = nl.ndarray((4, 16), dtype=nl.float8_e8m0fnu, buffer=nl.sbuf)
    nisa.quantize_mx(dst=q, src=x, dst_scale=s)

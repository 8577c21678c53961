# RUN: check kernel --target trn3
# EXPECT: quantize_mx: dst_scale covers 16 partitions; the scale of 8-partition block b of a 128-partition src sits in partition (b // 4) * 32 + b % 4, so it needs at least 100
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    x = nl.ndarray((128, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    q = nl.ndarray((128, 16), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    s = nl.ndarray((16, 16), dtype=nl.float8_e8m0fnu, buffer=nl.sbuf)
    nisa.quantize_mx(dst=q, src=x, dst_scale=s)

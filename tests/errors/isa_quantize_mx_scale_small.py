# RUN: check kernel --target trn3
# EXPECT: quantize_mx: dst_scale covers 2 partitions; the scale of 8-partition block b of a 32-partition src sits in partition b, so it needs at least 4
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    x = nl.ndarray((32, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    q = nl.ndarray((32, 16), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    s = nl.ndarray((2, 16), dtype=nl.uint8, buffer=nl.sbuf)
    nisa.quantize_mx(dst=q, src=x, dst_scale=s)

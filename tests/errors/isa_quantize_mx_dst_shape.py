# RUN: check kernel --target trn3
# EXPECT: quantize_mx: dst must be [32,16] (src [32,64] packed 4 values per element), got 32 partitions x 64 elements
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    x = nl.ndarray((32, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    q = nl.ndarray((32, 64), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    s = nl.ndarray((4, 16), dtype=nl.float8_e8m0fnu, buffer=nl.sbuf)
    nisa.quantize_mx(dst=q, src=x, dst_scale=s)

# RUN: check kernel --target trn3
# EXPECT: quantize_mx: src covers 16 partitions; it must be a multiple of 32 (MX groups are 8 partitions x 4 elements, scales per 32-partition quadrant)
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    x = nl.ndarray((16, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    q = nl.ndarray((16, 16), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
    s = nl.ndarray((2, 16), dtype=nl.float8_e8m0fnu, buffer=nl.sbuf)
    nisa.quantize_mx(dst=q, src=x, dst_scale=s)

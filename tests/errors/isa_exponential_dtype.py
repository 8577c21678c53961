# RUN: check kernel --target trn3
# EXPECT: exponential: dst is uint32; it must be float8_e4m3, float8_e5m2, float16, bfloat16, float32, tfloat32, int8, int16, int32, uint8 or uint16
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    b = nl.ndarray((128, 64), dtype=nl.uint32, buffer=nl.sbuf)
    nisa.exponential(dst=b, src=a)

# RUN: check kernel --target trn3
# EXPECT: rand2: dst is bool_; it must be float8_e4m3, float8_e5m2, float16, bfloat16, float32, tfloat32, int8, int16, int32, uint8, uint16 or uint32
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    t = nl.ndarray((16, 4), dtype=nl.bool_, buffer=nl.sbuf)
    nisa.rand2(dst=t, min=0.0, max=1.0)

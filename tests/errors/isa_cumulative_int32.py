# RUN: check kernel
# EXPECT: tensor_scalar_cumulative: dst is int32; the supported dtypes are bfloat16, float16, float32, fp8, uint8, uint16, int8 and int16
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.int32, buffer=nl.sbuf)
    nisa.tensor_scalar_cumulative(dst=a, src=a, op0=nl.multiply, op1=nl.add, imm0=1.0)

# RUN: check kernel --target trn3
# EXPECT: activate2: imm0 must be a number or a [128,1] tensor (one value per partition of data), got [128,2]
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    w = nl.ndarray((128, 2), dtype=nl.float32, buffer=nl.sbuf)
    nisa.activate2(dst=a, op=nl.exp, data=a, imm0=w, imm1=0.0, op0=nl.multiply, op1=nl.add)

# RUN: check kernel --target trn3
# EXPECT: activate2: imm0 is float32 and imm1 is bfloat16; tensor immediates must have the same dtype
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    w = nl.ndarray((128, 1), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.activate2(dst=a, op=nl.exp, data=a, imm0=v, imm1=w, op0=nl.multiply, op1=nl.add)

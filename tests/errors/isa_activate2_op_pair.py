# RUN: check kernel --target trn3
# EXPECT: activate2: op0=nl.add with op1=nl.multiply is not a tensor-scalar pair of activate2 (multiply then add, subtract or bypass; add, subtract or bypass then bypass)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.activate2(dst=a, op=nl.exp, data=a, imm0=1.0, imm1=2.0, op0=nl.add, op1=nl.multiply)

# RUN: check kernel --target trn3
# EXPECT: activate2: reduce_cmd=reduce needs a reduce_op
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.activate2(dst=a, op=nl.exp, data=a, imm0=1.0, imm1=0.0, op0=nl.multiply, op1=nl.add,
                   reduce_cmd=nisa.reduce_cmd.reduce)

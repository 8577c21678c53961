# RUN: check kernel
# EXPECT: activation: reduce_res must be a [128,1] tensor (one value per partition of data), got [128,64]
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    v = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    nisa.activation(dst=a, op=nl.exp, data=a, reduce_op=nl.add, reduce_res=a, reduce_cmd=nisa.reduce_cmd.reset_reduce)

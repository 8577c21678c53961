# RUN: check kernel
# EXPECT: tensor_scalar_reduce: reduce_cmd=idle is not supported (reset_reduce, reduce or load_reduce)
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    r = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    
    nisa.tensor_scalar_reduce(dst=a, data=a, op0=nl.multiply, operand0=2.0, reduce_op=nl.add, reduce_res=r, reduce_cmd=nisa.reduce_cmd.idle)

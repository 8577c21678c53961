# RUN: check kernel
# EXPECT: tensor_scalar_cumulative: reduce_cmd=load_reduce needs imm1, the accumulators' initial value
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    nisa.tensor_scalar_cumulative(dst=a, src=a, op0=nl.multiply, op1=nl.add, imm0=1.0, reduce_cmd=nisa.reduce_cmd.load_reduce)

# RUN: check kernel
# EXPECT: nisa.tensor_scalar_reduce(): reverse0= is not supported yet by nki (the NKI documentation marks reverse0 as not supported yet)
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    r = nl.ndarray((128, 1), dtype=nl.float32, buffer=nl.sbuf)
    
    nisa.tensor_scalar_reduce(dst=a, data=a, op0=nl.subtract, operand0=2.0, reduce_op=nl.add, reduce_res=r, reverse0=True)

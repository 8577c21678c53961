# RUN: check kernel
# EXPECT: tensor_partition_reduce: op=nl.minimum is not a partition reduction (nl.add, nl.average, nl.maximum, nl.bitwise_or, nl.bitwise_and)
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    d = nl.ndarray((1, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_partition_reduce(dst=d, op=nl.minimum, data=a)

# RUN: check kernel
# EXPECT: tensor_partition_reduce: dst must be one partition of 64 elements, got 2 partitions x 64 elements
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    d = nl.ndarray((2, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_partition_reduce(dst=d, op=nl.add, data=a)

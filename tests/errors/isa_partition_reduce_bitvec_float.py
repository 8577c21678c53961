# RUN: check kernel
# EXPECT: tensor_partition_reduce: dst is float32; bit-vector operator nl.bitwise_or needs integer dtypes
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    d = nl.ndarray((1, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_partition_reduce(dst=d, op=nl.bitwise_or, data=a)

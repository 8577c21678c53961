# RUN: check kernel
# EXPECT: tensor_reduce: dst covers 128 partitions x 8 elements; reducing data [128,4,8] over axis (2) gives 128 x 4
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 4, 8), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((128, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_reduce(dst=d, op=nl.add, data=a, axis=2)

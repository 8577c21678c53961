# RUN: check kernel
# EXPECT: tensor_partition_reduce: data must be in sbuf, but 'a' is in psum
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.psum)
    d = nl.ndarray((1, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_partition_reduce(dst=d, op=nl.add, data=a)

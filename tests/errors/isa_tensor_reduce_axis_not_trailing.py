# RUN: check kernel
# EXPECT: tensor_reduce: axis=(1) must be trailing free axes of data (rank 3), ending at axis 2
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 4, 8), dtype=nl.float32, buffer=nl.sbuf)
    d = nl.ndarray((128, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_reduce(dst=d, op=nl.add, data=a, axis=1)

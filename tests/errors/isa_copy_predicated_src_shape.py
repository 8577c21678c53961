# RUN: check kernel
# EXPECT: tensor_copy_predicated: dst covers 128 partitions x 64 elements, src covers 128 partitions x 32 elements; they must match
# LOC: 15:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    s = nl.ndarray((128, 32), dtype=nl.float32, buffer=nl.sbuf)
    p = nl.ndarray((128, 64), dtype=nl.uint8, buffer=nl.sbuf)
    nisa.tensor_copy_predicated(dst=a, src=s, predicate=p)

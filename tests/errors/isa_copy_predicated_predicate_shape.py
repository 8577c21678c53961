# RUN: check kernel
# EXPECT: tensor_copy_predicated: dst covers 128 partitions x 64 elements, predicate covers 128 partitions x 32 elements; they must match
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    p = nl.ndarray((128, 32), dtype=nl.uint8, buffer=nl.sbuf)
    nisa.tensor_copy_predicated(dst=a, src=a, predicate=p)

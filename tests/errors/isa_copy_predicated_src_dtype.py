# RUN: check kernel
# EXPECT: tensor_copy_predicated: src is bfloat16 and dst is float32; they must have the same dtype
# LOC: 15:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    s = nl.ndarray((128, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    p = nl.ndarray((128, 64), dtype=nl.uint8, buffer=nl.sbuf)
    nisa.tensor_copy_predicated(dst=a, src=s, predicate=p)

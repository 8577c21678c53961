# RUN: check kernel
# EXPECT: tensor_copy_predicated: src and predicate cannot both be in psum
# LOC: 15:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    s = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.psum)
    p = nl.ndarray((128, 64), dtype=nl.uint32, buffer=nl.psum)
    nisa.tensor_copy_predicated(dst=a, src=s, predicate=p)

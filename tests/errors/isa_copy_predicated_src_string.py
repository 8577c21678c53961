# RUN: check kernel
# EXPECT: nisa.tensor_copy_predicated(): src must be a number or a tensor, not str
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    p = nl.ndarray((128, 64), dtype=nl.uint8, buffer=nl.sbuf)
    nisa.tensor_copy_predicated(dst=a, src="a", predicate=p)

# RUN: check kernel
# EXPECT: tensor_copy_predicated: predicate is float32; it must be uint8, uint16 or uint32
# LOC: 14:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    
    p = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy_predicated(dst=a, src=a, predicate=p)

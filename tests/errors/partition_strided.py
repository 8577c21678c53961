# RUN: check kernel
# EXPECT: tensor_copy: src 'a': the partition dimension must be dimension 0 and cannot be strided
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    a = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    b = nl.ndarray((64, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=b, src=a[0:128:2, :])

# RUN: check kernel --arg a=zeros:64x16:float32
# EXPECT: reshape(): the tensor is dynamically addressed (scalar_offset/vector_offset); views of it are not supported: give the whole access pattern in its .ap(...)
# LOC: 12:9
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((8, 1), dtype=nl.uint32, buffer=nl.sbuf)
    v = a.ap(pattern=[[16, 8], [1, 16]], vector_offset=idx, indirect_dim=0).reshape((16, 8))

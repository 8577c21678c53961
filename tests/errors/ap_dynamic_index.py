# RUN: check kernel --arg a=zeros:64x16:float32
# EXPECT: cannot index a dynamically addressed tensor (scalar_offset/vector_offset): give the whole access pattern in its .ap(...)
# LOC: 12:9
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    r = nisa.register_alloc(1)
    w = a.ap(pattern=[[16, 8], [1, 16]], scalar_offset=r, indirect_dim=0)[0:4, :]

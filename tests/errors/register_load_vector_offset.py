# RUN: check kernel --arg a=zeros:64x8:int32
# EXPECT: register_load: src 'a': vector_offset (indirect gather/scatter) is only for DMA instructions
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((1, 1), dtype=nl.uint32, buffer=nl.sbuf)
    r = nisa.register_alloc()
    nisa.register_load(r, a.ap(pattern=[[8, 1], [1, 1]], vector_offset=idx, indirect_dim=0))

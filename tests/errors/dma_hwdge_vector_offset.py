# RUN: check kernel --arg a=zeros:64x8:float32
# EXPECT: dma_copy: vector_offset (gather/scatter) needs dge_mode=swdge; the hardware DGE has no indirection
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((64, 1), dtype=nl.uint32, buffer=nl.sbuf)
    d = nl.ndarray((64, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=d, src=a.ap(pattern=[[8, 64], [1, 8]], vector_offset=idx, indirect_dim=0), dge_mode=nisa.dge_mode.hwdge)

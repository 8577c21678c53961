# RUN: check kernel --arg a=zeros:64x8:float32
# EXPECT: dma_copy: dge_mode=hwdge cannot cast: dst is bfloat16 and src is float32; give both the same dtype (.view())
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    d = nl.ndarray((64, 8), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.dma_copy(dst=d, src=a, dge_mode=nisa.dge_mode.hwdge)

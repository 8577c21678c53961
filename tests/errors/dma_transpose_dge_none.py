# RUN: check kernel --arg a=zeros:16x128:float16
# EXPECT: dma_transpose: dge_mode=none cannot transpose: use hwdge (direct), swdge (indirect) or unknown
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((128, 16), dtype=nl.float16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a, dge_mode=nisa.dge_mode.none)

# RUN: check kernel --arg a=zeros:32x128:float16
# EXPECT: dma_transpose: a hardware-DGE transpose needs src.shape[0] == 16, got 32
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((128, 32), dtype=nl.float16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a, dge_mode=nisa.dge_mode.hwdge)

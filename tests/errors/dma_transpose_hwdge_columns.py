# RUN: check kernel --arg a=zeros:16x64:float16
# EXPECT: dma_transpose: a hardware-DGE transpose needs src.shape[-1] to be a multiple of 128, got 64
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((64, 16), dtype=nl.float16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a, dge_mode=nisa.dge_mode.hwdge)

# RUN: check kernel --arg a=zeros:64x8:float32
# EXPECT: dma_copy: engine= picks the engine that triggers the hardware DGE; it needs dge_mode=hwdge
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    d = nl.ndarray((64, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_copy(dst=d, src=a, engine=nisa.engine.sync)

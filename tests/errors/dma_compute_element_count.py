# RUN: check kernel --arg a=zeros:16x8:float32 --arg b=zeros:16x4:float32
# EXPECT: dma_compute: src1 has 64 elements but dst has 128; every source must match dst's element count
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a, b):
    t = nl.ndarray((16, 8), dtype=nl.float32, buffer=nl.sbuf)
    nisa.dma_compute(dst=t, srcs=[a, b], reduce_op=nl.add)

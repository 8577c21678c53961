# RUN: check kernel --arg a=zeros:64x256:float16 --arch-set num_partitions=256
# EXPECT: dma_transpose: an indirect transpose reads at most 128 elements per row; src's last dim is 256
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    idx = nl.ndarray((32, 1), dtype=nl.uint32, buffer=nl.sbuf)
    t = nl.ndarray((256, 32), dtype=nl.float16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=a.ap(pattern=[[256, 32], [1, 256]], vector_offset=idx, indirect_dim=0))

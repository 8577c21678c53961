# RUN: run kernel --arg x=zeros:1024x1024:float32 --max-hbm 1MiB
# EXPECT: --arg x: a 1024x1024 float32 tensor is more than the HBM limit of 1048576 bytes (--max-hbm raises it)
# CARET: no
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(x):
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out, src=x)
    return out

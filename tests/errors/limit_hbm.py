# RUN: check kernel --arg x=zeros:128x512:float32
# EXPECT: HBM tensor 'scratch' (f32[1048576,1048576], 4398046511104 bytes) takes the kernel's HBM tensors past the limit of 17179869184 bytes (262144 bytes of them are arguments; --max-hbm raises it)
# LOC: 13:15
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(x):
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    # 4 TiB of HBM: past the default limit of 16 GiB, an error before the simulator allocates it.
    scratch = nl.ndarray((2**20, 2**20), dtype=nl.float32, buffer=nl.hbm)
    nisa.dma_copy(dst=scratch[0:128, 0:512], src=x)
    nisa.dma_copy(dst=out, src=scratch[0:128, 0:512])
    return out

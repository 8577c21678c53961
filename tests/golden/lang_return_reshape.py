# A kernel returning reshapes of its outputs: the header shows the shape the caller receives
# (`as [...]`) next to the storage's own.
# RUN: compile kernel --arg x=zeros:128x64:float32
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(x):
    flat = nl.ndarray((128, 64), dtype=x.dtype, buffer=nl.shared_hbm)
    tiles = nl.ndarray((2, 64, 64), dtype=x.dtype, buffer=nl.shared_hbm)
    whole = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=x)
    nisa.dma_copy(dst=flat, src=t)
    nisa.dma_copy(dst=tiles.reshape((128, 64)), src=t)
    nisa.dma_copy(dst=whole, src=t)
    return flat.reshape((128 * 64,)), tiles.reshape((2, 4096)), whole.reshape(x.shape)

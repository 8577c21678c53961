# Indexing produces views (no instructions): ints, slices with steps, '...', nl.ds, negative
# indices; on-chip tensors keep their partition dim, HBM tensors drop int-indexed dims.
# RUN: compile views --arg a=zeros:4x256x64:float32
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def views(a):
    t = nl.ndarray((128, 4, 64), dtype=nl.float32, buffer=nl.sbuf)
    print("a[1]:", a[1].shape, "a[1, 0]:", a[1, 0].shape, "a[1, 0, 5]:", a[1, 0, 5].shape)
    print("t[:, 0, 10]:", t[:, 0, 10].shape, "t[0, 0, 10]:", t[0, 0, 10].shape, "t[5]:", t[5].shape)
    print("t[..., ::2]:", t[..., ::2].shape, "t[nl.ds(32, 32), -1]:", t[nl.ds(32, 32), -1].shape)
    nisa.dma_copy(dst=t[:, 0, :], src=a[0, 0:128, :])
    nisa.dma_copy(dst=t[:, 1, :], src=a[1, nl.ds(128, 128), :])
    nisa.dma_copy(dst=t[0:64, 2, ::2], src=a[2, 0:64, 1::2])
    nisa.dma_copy(dst=t[:, 3], src=a[3, -128:, ...])

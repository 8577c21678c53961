# Tensor view methods as instruction operands: reshape, permute, broadcast, select, slice,
# rearrange, view(dtype) and raw access patterns.
# RUN: compile kernel --arg a=zeros:8x128x64:bfloat16
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    t = nl.ndarray((128, 8, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=a.permute((1, 0, 2)))
    flat = t.reshape((128, 512))
    nisa.tensor_copy(dst=flat.slice(1, 0, 256), src=flat.slice(1, 256, 512))
    col = nl.ndarray((128, 1), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.tensor_copy(dst=t.select(1, 0), src=col.broadcast(1, 64))
    nisa.tensor_copy(dst=t.rearrange(('p', 'g', 'e'), ('p', 'e', 'g')), src=t)
    words = t.view(nl.float32)
    print(words.shape, words.get_pattern(), flat.is_contiguous(), t.permute((0, 2, 1)).is_contiguous())
    nisa.dma_copy(dst=a.ap([[64, 128], [1, 64]], offset=3 * 128 * 64), src=t.ap([[512, 128], [1, 64]], offset=128))

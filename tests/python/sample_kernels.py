"""Small kernels used by test_package.py (imported as a module, never collected by pytest)."""

import nki
import nki.isa as nisa
import nki.language as nl


@nki.jit
def copy_through_sbuf(a):
    print("copy_through_sbuf: shape", a.shape)
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    tile = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=tile, src=a)
    nisa.dma_copy(dst=out, src=tile)
    return out


def uses_undefined_name(a):
    out = nl.ndarray(a.shape, dtype=a.dtype, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out, src=undefined_name_in_kernel)  # noqa: F821 (the error under test)
    return out

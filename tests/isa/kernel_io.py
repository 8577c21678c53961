"""Helpers the tests/isa kernel modules share (imported by them inside kernels, never collected):
an HBM tensor loaded into a fresh SBUF tile, and a tile stored into a fresh kernel output."""
import nki.isa as nisa
import nki.language as nl


def load(x, dtype=None):
    """x in a new SBUF tile of its shape; with `dtype`, converted on the way (DMA cast)."""
    t = nl.ndarray(x.shape, dtype=dtype or x.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=x)
    return t


def store(t):
    """A new shared-HBM output holding t."""
    out = nl.ndarray(t.shape, dtype=t.dtype, buffer=nl.shared_hbm)
    nisa.dma_copy(dst=out, src=t)
    return out

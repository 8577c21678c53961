"""A runtime loop inside the package: the number of passes comes from an input tensor at run
time, the per-pass step is a function argument, the tiling from the package helpers."""
import nki
import nki.isa as nisa
import nki.language as nl

from .config import RowConfig
from .utils.tiling import tiles


def add_one(t, size):
    nisa.tensor_scalar(dst=t[0:size, :], data=t[0:size, :], op0=nl.add, operand0=1.0)


@nki.jit
def repeat_step(x, passes, step=add_one, cfg=RowConfig()):
    """Applies `step` passes[0, 0] times to every row tile of x."""
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    n = nisa.register_alloc(passes)
    for t in tiles(x.shape[0], cfg.tile_rows):
        tx = nl.ndarray((cfg.tile_rows, x.shape[1]), dtype=x.dtype, buffer=nl.sbuf)
        nisa.dma_copy(dst=tx[0:t.size, :], src=x[t.start:t.start + t.size, :])
        for _ in nl.dynamic_range(n):
            step(tx, t.size)
        nisa.dma_copy(dst=out[t.start:t.start + t.size, :], src=tx[0:t.size, :])
    return out

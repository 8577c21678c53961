"""A row-wise kernel built from the package's helpers: out = epilogue(act(x) + y), tiled over rows
with a partial last tile."""
import nki
import nki.isa as nisa
import nki.language as nl

from .config import Epilogue, RowConfig
from .utils.tiling import check, tiles


def relu_op():
    return nl.relu


@nki.jit
def rowwise(x, y, act=nl.exp, cfg=RowConfig()):
    rows, cols = x.shape
    check(x.shape == y.shape, f"x and y differ: {x.shape} vs {y.shape}")
    out = nl.ndarray(x.shape, dtype=cfg.out_dtype, buffer=nl.shared_hbm)
    for t in tiles(rows, cfg.tile_rows):
        tx = nl.ndarray((cfg.tile_rows, cols), dtype=x.dtype, buffer=nl.sbuf)
        ty = nl.ndarray((cfg.tile_rows, cols), dtype=y.dtype, buffer=nl.sbuf)
        nisa.dma_copy(dst=tx[0:t.size, :], src=x[t.start:t.start + t.size, :])
        nisa.dma_copy(dst=ty[0:t.size, :], src=y[t.start:t.start + t.size, :])
        nisa.activation(dst=tx[0:t.size, :], op=act, data=tx[0:t.size, :])
        nisa.tensor_tensor(dst=tx[0:t.size, :], data1=tx[0:t.size, :], data2=ty[0:t.size, :], op=nl.add)
        if cfg.is_scaled:
            nisa.tensor_scalar(dst=tx[0:t.size, :], data=tx[0:t.size, :], op0=nl.multiply, operand0=cfg.scale)
        elif cfg.epilogue == Epilogue.BIAS:
            nisa.tensor_scalar(dst=tx[0:t.size, :], data=tx[0:t.size, :], op0=nl.add, operand0=1.0)
        nisa.dma_copy(dst=out[t.start:t.start + t.size, :], src=tx[0:t.size, :])
    return out

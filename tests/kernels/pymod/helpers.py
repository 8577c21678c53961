"""Helpers the kernels call; they read the tables through relative imports."""
from . import tables
from .tables import ACT_FN, Act, Tiling, clamp
from .tables import SQUARE as square


def activate(tile, act):
    """`act` applied through the enum-keyed table; Act.IDENTITY (not in it) is a copy."""
    fn = ACT_FN.get(act)
    if fn is None:
        assert act is Act.IDENTITY, f"no activation for {act}"
        return nl_copy(tile)
    return fn(tile)


def nl_copy(tile):
    return tables.nl.copy(tile)


def accum_dtype(dtype):
    return tables.ACCUM_DTYPE[dtype]


def bytes_of(shape, dtype):
    n = 1
    for s in shape:
        n *= s
    return n * tables.DTYPE_BYTES[dtype]


def post(tile, cfg):
    """TRIPLE (closure), HALVE_PLUS_ONE (partial), square (lambda), clamp (wrapped) in turn."""
    tile = tables.TRIPLE(tile)
    tile = tables.HALVE_PLUS_ONE(tile)
    tile = square(tile)
    lo, hi = cfg.clamp
    return clamp(tile, lo, hi)


def row_tiles(rows):
    """(start, size) of each partition tile of `rows` rows; the last one may be partial."""
    return [(t * Tiling.PMAX, Tiling.rows_of(t, rows)) for t in range(Tiling.row_tiles(rows))]

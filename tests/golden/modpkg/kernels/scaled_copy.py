"""A kernel split over modules: an absolute import from the package root, a relative import of a
sibling module, and a package-level constant."""
import nki
import nki.isa as nisa
import nki.language as nl

from modpkg.helpers import load_tile
from . import ops
from .ops import SCALE as DEFAULT_SCALE
import modpkg


@nki.jit
def scaled_copy(x):
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    print("scale", DEFAULT_SCALE, "partitions", modpkg.PARTITIONS)
    for r in range(x.shape[0] // modpkg.PARTITIONS):
        t = load_tile(x, r)
        ops.scale(t)
        nisa.dma_copy(dst=out[nl.ds(r * modpkg.PARTITIONS, modpkg.PARTITIONS), :], src=t)
    return out

"""Module-level Python that nki must take as CPython computed it, never interpret itself."""
import enum
import functools
import math
import os
from dataclasses import dataclass

import numpy as np

import nki.language as nl

# Side effects at import time: the count shows the module ran once per process.
os.environ["PYMOD_IMPORTS"] = str(int(os.environ.get("PYMOD_IMPORTS", "0")) + 1)
os.environ.setdefault("PYMOD_SCALE", "2.5")

# Statements nki's own front end could never run: a file read, try/except, generators.
with open(__file__) as f:
    SOURCE_LINES = len(f.readlines())
try:
    import ml_dtypes  # noqa: F401
    HAVE_ML_DTYPES = True
except ImportError:
    HAVE_ML_DTYPES = False
SUM_OF_SQUARES = sum(i * i for i in range(10))   # 285
PENDING = (i for i in range(3))                  # a generator, never read by a kernel
WEIGHTS = np.arange(8, dtype=np.float32)         # an array, never read by a kernel
LOOKUP = {"a", "b"}                              # a set, never read by a kernel


class Act(enum.Enum):
    RELU = "relu"
    EXP = "exp"
    TANH = "tanh"
    IDENTITY = 0


ACT_FN = {Act.RELU: nl.relu, Act.EXP: nl.exp, Act.TANH: nl.tanh}

# Tables keyed by dtypes: bytes per element, and the dtype to accumulate in.
DTYPE_BYTES = {nl.float32: 4, nl.bfloat16: 2, nl.float16: 2, nl.int32: 4}
ACCUM_DTYPE = {nl.float32: nl.float32, nl.bfloat16: nl.float32, nl.float16: nl.float32}

# Constants CPython computes (double precision) before nki rounds them to 32 bits.
PI = math.pi
EPS = float(np.finfo(np.float32).eps)
HALF = np.float32(0.5)         # a numpy scalar
TWO = np.int32(2)
TILE_BYTES = math.prod((128, 512)) * 4
SQRT2 = math.sqrt(2.0)


@dataclass(frozen=True)
class TileCfg:
    """How a kernel tiles its free dimension."""

    cols: int = 64
    scale: float = 1.0
    clamp: tuple = (-1.0, 1.0)


# A table of configs built by a loop.
CONFIGS = {}
for _cols in (16, 32, 64):
    CONFIGS[_cols] = TileCfg(cols=_cols, scale=1.0 / _cols, clamp=(-0.5 * _cols, 0.5 * _cols))
del _cols
DEFAULT_CFG = CONFIGS[32]


class Options(nl.NKIObject):
    """An NKIObject configured by Python code after construction."""

    def __init__(self, shift, names):
        self.shift = shift
        self.names = tuple(names)
        self.extra = {n: i for i, n in enumerate(names)}


OPTIONS = Options(0.25, ["x", "y"])
OPTIONS.shift = OPTIONS.shift * 2  # 0.5


def make_scaler(factor):
    """A factory returning a closure over `factor`."""
    def scale(tile):
        return nl.multiply(tile, factor)
    return scale


TRIPLE = make_scaler(3.0)


def affine(tile, scale, shift):
    return nl.add(nl.multiply(tile, scale), shift)


HALVE_PLUS_ONE = functools.partial(affine, scale=0.5, shift=1.0)
SQUARE = lambda tile: nl.multiply(tile, tile)  # noqa: E731


class Tiling:
    """Plain class of static and class helpers."""

    PMAX = 128

    @staticmethod
    def ceil_div(a, b):
        return (a + b - 1) // b

    @classmethod
    def row_tiles(cls, rows):
        return cls.ceil_div(rows, cls.PMAX)

    @classmethod
    def rows_of(cls, t, rows):
        return min(cls.PMAX, rows - t * cls.PMAX)


CALLS = []


def logged(fn):
    """A decorator as Python libraries write them: the wrapper does Python things (here it records
    the call); nki compiles the decorated function itself."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        CALLS.append(fn.__name__)
        return fn(*args, **kwargs)
    return wrapper


@logged
def clamp(tile, lo, hi):
    return nl.minimum(nl.maximum(tile, lo), hi)

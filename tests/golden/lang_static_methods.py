# Plain classes (no base, or `object`) with class constants, __init__, properties, and
# @staticmethod / @classmethod read through the class, a subclass and instances.
# RUN: compile kernel --arg x=zeros:256x64:float32
import nki
import nki.language as nl
import nki.isa as nisa


class Tiling:
    ROWS = 128

    def __init__(self, rows, cols):
        self.rows = rows
        self.cols = cols

    @staticmethod
    def count(n, tile):
        return (n + tile - 1) // tile

    @classmethod
    def for_shape(cls, shape):
        return cls(min(shape[0], cls.ROWS), shape[1])

    @property
    def size(self):
        return self.rows * self.cols


class HalfTiling(Tiling):
    ROWS = 64


class Names(object):
    PREFIX = "t"

    @classmethod
    def of(cls, i):
        return f"{cls.PREFIX}{i}"


@nki.jit
def kernel(x):
    tl = HalfTiling.for_shape(x.shape)
    n = tl.count(x.shape[0], tl.rows)
    print(type(tl).__name__, tl.rows, tl.size, n, Tiling.for_shape(x.shape).rows, Tiling.count(10, 4))
    out = nl.ndarray(x.shape, dtype=x.dtype, buffer=nl.shared_hbm)
    for i in range(n):
        t = nl.ndarray((tl.rows, tl.cols), dtype=x.dtype, buffer=nl.sbuf, name=Names.of(i))
        nisa.dma_copy(dst=t, src=x[nl.ds(i * tl.rows, tl.rows), :])
        nisa.dma_copy(dst=out[nl.ds(i * tl.rows, tl.rows), :], src=t)
    return out

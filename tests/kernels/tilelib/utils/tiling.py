"""Tiling helpers: ceil division and a range of (possibly partial) tiles."""
import math

from nki.language import NKIObject

PMAX = 128


def div_ceil(n, d):
    return (n + d - 1) // d


def check(cond, msg):
    assert cond, msg


class Tile(NKIObject):
    def __init__(self, index, start, size):
        self.index = index
        self.start = start
        self.size = size


def tiles(total, tile_size=PMAX):
    """The tiles covering [0, total): full tiles, then one partial tile if needed."""
    return tuple(Tile(i, i * tile_size, min(tile_size, total - i * tile_size))
                 for i in range(math.ceil(total / tile_size)))

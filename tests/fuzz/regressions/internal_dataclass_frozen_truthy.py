# A mutant passed a class as dataclass's `frozen` (`frozen=int`): dataclass takes any truthy value,
# but nki read the flag with a cast to bool, which threw pybind11's cast_error (an internal error).
# Fixed in src/pyhost/convert.cpp: the flag is read by truthiness, and a cast_error while converting
# a value becomes "cannot use" at the value's use.
from dataclasses import dataclass

import nki.language as nl


@dataclass(frozen=int)
class Config(nl.NKIObject):
    tile: int = 128


def kernel(c=Config()):
    c.tile = 64

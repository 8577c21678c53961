# RUN: check kernel
# EXPECT: cannot assign to field 'tile': Config is a frozen dataclass
# LOC: 16:5
from dataclasses import dataclass

import nki
import nki.language as nl


@dataclass(frozen=True)
class Config(nl.NKIObject):
    tile: int = 128


def kernel(c=Config()):
    c.tile = 64

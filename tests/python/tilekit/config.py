"""Configuration objects of tilekit: compile-time values the kernels take as arguments."""
import enum
from dataclasses import dataclass

import nki.language as nl

P = nl.tile_size.pmax            # module-level constants computed from nl at import time
BANK = nl.tile_size.psum_bank_fmax


class Epilogue(enum.Enum):
    """What a kernel does to its result before storing it."""

    NONE = 0
    RELU = 1
    NEGATE = 2


@dataclass
class TileConfig(nl.NKIObject):
    """How a kernel tiles its free dimension, and what it computes per tile."""

    tile_free: int = 128
    scale: float = 1.0
    epilogue: Epilogue = Epilogue.NONE
    out_dtype: object = nl.float32


DEFAULT = TileConfig()

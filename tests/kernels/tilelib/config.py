"""Kernel configuration: an enum of epilogues and a frozen dataclass of tuning knobs."""
from dataclasses import dataclass
from enum import Enum

import nki.language as nl


class Epilogue(Enum):
    NONE = "none"
    SCALE = "scale"
    BIAS = "bias"


@dataclass(frozen=True)
class RowConfig(nl.NKIObject):
    tile_rows: int = 128
    epilogue: Epilogue = Epilogue.SCALE
    scale: float = 0.5
    out_dtype: str = "float32"

    @property
    def is_scaled(self):
        return self.epilogue == Epilogue.SCALE

"""nki.isa.constants (`from nki.isa.constants import oob_mode, dge_mode`): the DMA enums, also
available as nki.isa.oob_mode and nki.isa.dge_mode."""

import enum

__all__ = ["dge_mode", "oob_mode"]


class dge_mode(enum.IntEnum):  # noqa: N801
    """How DMA descriptors are generated."""

    unknown = 0
    swdge = 1
    hwdge = 2
    none = 3


class oob_mode(enum.IntEnum):  # noqa: N801
    """What a DMA does with an out-of-bounds index."""

    error = 0
    skip = 1

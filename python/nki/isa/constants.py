"""nki.isa.constants (`from nki.isa.constants import oob_mode, dge_mode, matmul_perf_mode`): the
enums of the ISA, also available as nki.isa.<name>."""

import enum

__all__ = ["engine", "reduce_cmd", "dge_mode", "oob_mode", "matmul_perf_mode", "nc_version", "dma_engine"]


class engine(enum.IntEnum):  # noqa: N801 (NKI's spelling)
    """The engine an instruction runs on; unknown lets the compiler choose."""

    unknown = 0
    tensor = 1
    scalar = 2
    gpsimd = 3
    dma = 4
    vector = 5
    sync = 6


class reduce_cmd(enum.IntEnum):  # noqa: N801
    """What an instruction does with its reduction register."""

    idle = 0
    reset = 1
    reduce = 2
    reset_reduce = 3
    load_reduce = 4


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


class matmul_perf_mode(enum.IntEnum):  # noqa: N801
    """Tensor Engine performance modes of nc_matmul."""

    none = 0
    double_row = 1


class nc_version(enum.IntEnum):  # noqa: N801
    """NeuronCore generations: gen2 = trn1, gen3 = trn2, gen4 = trn3."""

    gen2 = 2
    gen3 = 3
    gen4 = 4


class dma_engine(enum.IntEnum):  # noqa: N801
    """Which DMA hardware a DMA instruction uses."""

    dma = 1
    gpsimd_dma = 2


# Each enum is the compiler's own (nki._host.builtin_path): nisa.engine.vector inside a kernel.
for _enum in (engine, reduce_cmd, dge_mode, oob_mode, matmul_perf_mode, nc_version, dma_engine):
    setattr(_enum, "__nki_builtin__", f"nisa.{_enum.__name__}")
del _enum

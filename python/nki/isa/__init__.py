"""nki.isa (`import nki.isa as nisa`), as seen by plain Python.

Inside a kernel each `nisa.*` call is one instruction, implemented by the nki compiler. This
module provides what a kernel module touches at import time -- the enums used as default
arguments (nisa.engine.vector, ...; oob_mode and dge_mode also as nki.isa.constants), the
exception NkiValidationError that a call raises for a violated hardware rule -- and instruction
functions that raise KernelOnlyError when called from Python.
"""

import enum

from nki._errors import NkiValidationError
from nki._symbols import KernelOnlyError, define, kernel_only, kernel_only_class
from nki.isa.constants import dge_mode, oob_mode

__all__ = ["KernelOnlyError", "NkiValidationError", "engine", "reduce_cmd", "dge_mode", "oob_mode",
           "matmul_perf_mode", "nc_version", "dma_engine", "VirtualRegister", "NkiInstruction"]


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


_INSTRUCTIONS = (
    "dma_copy", "dma_transpose", "tensor_tensor", "tensor_scalar", "tensor_copy", "memset",
    "activation", "activation_reduce", "nc_matmul", "nc_matmul_mx", "nc_transpose", "iota",
    "tensor_reduce", "tensor_partition_reduce", "tensor_tensor_scan", "scalar_tensor_tensor",
    "tensor_scalar_reduce", "tensor_scalar_cumulative", "select_reduce", "range_select", "affine_select", "reciprocal",
    "exponential", "bn_stats", "bn_aggr", "max8", "nc_find_index8", "nc_match_replace8",
    "nc_stream_shuffle", "local_gather", "rng", "rand2", "rand_set_state", "rand_get_state",
    "dropout", "sequence_bounds", "sendrecv", "core_barrier", "quantize_mx",
    "register_alloc", "register_move", "register_load", "register_store",
    "get_nc_version", "get_nc_sub_version",
)
define(globals(), "nisa", _INSTRUCTIONS, kernel_only)

# Types whose values exist only inside a kernel (registers, instruction handles): usable in
# annotations and isinstance-free code at import time, not constructible from Python.
VirtualRegister = kernel_only_class("nisa", "VirtualRegister")
NkiInstruction = kernel_only_class("nisa", "NkiInstruction")

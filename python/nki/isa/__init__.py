"""nki.isa (`import nki.isa as nisa`), as seen by plain Python.

Inside a kernel each `nisa.*` call is one instruction, implemented by the nki compiler. This
module provides what a kernel module touches at import time -- the enums used as default
arguments (nisa.engine.vector, ...; also importable from nki.isa.constants), the
exception NkiValidationError that a call raises for a violated hardware rule -- and instruction
functions that raise KernelOnlyError when called from Python.
"""

from nki._errors import NkiValidationError
from nki._symbols import KernelOnlyError, define, kernel_only, kernel_only_class
from nki.isa.constants import dge_mode, dma_engine, engine, matmul_perf_mode, nc_version, oob_mode, reduce_cmd

__all__ = ["KernelOnlyError", "NkiValidationError", "engine", "reduce_cmd", "dge_mode", "oob_mode",
           "matmul_perf_mode", "nc_version", "dma_engine", "VirtualRegister", "NkiInstruction"]


_INSTRUCTIONS = (
    "dma_copy", "dma_transpose", "tensor_tensor", "tensor_scalar", "tensor_copy", "memset",
    "activation", "activation_reduce", "activate2", "nc_matmul", "nc_matmul_mx", "nc_transpose", "iota",
    "tensor_reduce", "tensor_partition_reduce", "tensor_copy_predicated", "dma_compute", "tensor_tensor_scan", "scalar_tensor_tensor",
    "tensor_scalar_reduce", "tensor_scalar_cumulative", "select_reduce", "range_select",
    "affine_select", "reciprocal", "exponential", "bn_stats", "bn_aggr", "max8", "nc_find_index8",
    "nc_match_replace8", "nc_stream_shuffle", "local_gather", "rng", "rand2", "rand_set_state",
    "rand_get_state", "dropout", "sequence_bounds", "sendrecv", "core_barrier", "quantize_mx",
    "nc_n_gather", "nonzero_with_count", "topk", "set_rng_seed", "register_alloc", "register_move",
    "register_load", "register_store", "get_nc_version", "get_nc_sub_version",
)
define(globals(), "nisa", _INSTRUCTIONS, kernel_only)

# Engine shorthands: nisa.vector_engine is nisa.engine.vector.
unknown_engine, tensor_engine, scalar_engine, gpsimd_engine, vector_engine = (
    engine.unknown, engine.tensor, engine.scalar, engine.gpsimd, engine.vector)

# Types whose values exist only inside a kernel (registers, instruction handles): usable in
# annotations and isinstance-free code at import time, not constructible from Python.
VirtualRegister = kernel_only_class("nisa", "VirtualRegister")
NkiInstruction = kernel_only_class("nisa", "NkiInstruction")

"""nki.language (`import nki.language as nl`), as seen by plain Python.

Inside a kernel every `nl.*` name is implemented by the nki compiler. This module only provides
what a kernel *module* touches when Python imports it: dtypes, buffers, operator constants,
nl.tile_size and nl.NKIObject. Every function raises KernelOnlyError if called from Python.
"""

from nki._symbols import Buffer, DType, KernelOnlyError, Op, define, kernel_only, kernel_only_class

__all__ = ["KernelOnlyError", "NKIObject", "NkiTensor", "tile_size"]

# Data types (see docs: bfloat16, tfloat32 and fp8 have no NumPy dtype).
_DTYPES = (
    "bool_", "int8", "int16", "int32", "uint8", "uint16", "uint32",
    "float16", "float32", "bfloat16", "tfloat32",
    "float8_e4m3", "float8_e4m3fn", "float8_e5m2", "float8_e8m0fnu",
    "float8_e5m2_x4", "float8_e4m3fn_x4", "float4_e2m1fn_x4",
)
define(globals(), "nl", _DTYPES, DType)

# Memories. nl.hbm is an alias of nl.private_hbm.
define(globals(), "nl", ("sbuf", "psum", "private_hbm", "shared_hbm"), Buffer)
hbm = private_hbm  # noqa: F821 (defined just above)
bool = bool_  # noqa: A001,F821 (NKI's alias of the dtype)

# Operators and activation functions: `op=` values of ISA calls, and nl convenience ops.
_OPS = (
    # arithmetic and comparison
    "add", "subtract", "multiply", "divide", "maximum", "minimum", "power", "fmod", "mod",
    "abs_max", "abs_min", "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
    "logical_and", "logical_or", "logical_xor", "logical_not",
    "bitwise_and", "bitwise_or", "bitwise_xor", "invert", "left_shift", "right_shift",
    "average", "bypass",
    # unary math and activations
    "abs", "negative", "sign", "square", "sqrt", "rsqrt", "reciprocal", "exp", "log",
    "sin", "cos", "tan", "arctan", "tanh", "ceil", "floor", "trunc", "copy",
    "relu", "prelu", "sigmoid", "silu", "silu_dx", "gelu", "gelu_dx", "gelu_apprx_sigmoid",
    "gelu_apprx_sigmoid_dx", "gelu_apprx_tanh", "mish", "softplus", "erf", "erf_dx",
)
define(globals(), "nl", _OPS, Op)

# Functions that exist only inside kernels.
_FUNCTIONS = (
    "ndarray", "zeros", "ones", "full", "zeros_like", "ones_like", "full_like", "empty_like", "rand", "random_seed",
    "arange", "mgrid",
    "shared_constant", "shared_identity_matrix",
    "load", "store", "load_transpose2d", "matmul", "transpose", "broadcast_to", "expand_dims",
    "gather_flattened", "where", "ds",
    "sum", "max", "min", "mean", "prod", "var", "all", "softmax", "rms_norm", "dropout",
    "affine_range", "sequential_range", "static_range", "dynamic_range", "fori_loop", "while_loop",
    "no_reorder", "program_id", "num_programs", "program_ndim", "device_print",
    "is_hbm", "is_on_chip", "is_psum", "is_sbuf",
)
define(globals(), "nl", _FUNCTIONS, kernel_only)


# The tensor type of kernel values (annotations only; tensors exist inside kernels).
NkiTensor = kernel_only_class("nl", "NkiTensor")


class NKIObject:
    """Base class of user classes that kernels build at compile time (configs, dataclasses).

    Without an __init__ of its own (or @dataclass), a subclass is built as inside a kernel: its
    annotated names (base classes first) are the fields, given by position or keyword, defaulting
    to the class attributes of those names; then __post_init__ runs (docs/language.md)."""

    __nki_builtin__ = "nl.NKIObject"  # this class itself is the compiler's (nki._host.builtin_path)

    def __init__(self, *args, **kwargs):
        cls = type(self)
        fields = []
        for klass in reversed(cls.__mro__):
            for name in klass.__dict__.get("__annotations__", {}):
                if name not in fields:
                    fields.append(name)
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__}() takes {len(fields)} positional arguments but {len(args)} were given")
        values = dict(zip(fields, args))
        for name, value in kwargs.items():
            if name not in fields:
                raise TypeError(f"{cls.__name__}() got an unexpected keyword argument '{name}'")
            if name in values:
                raise TypeError(f"{cls.__name__}() got multiple values for argument '{name}'")
            values[name] = value
        for name in fields:
            if name in values:
                setattr(self, name, values[name])
            elif not hasattr(cls, name):
                raise TypeError(f"{cls.__name__}() missing required argument '{name}'")
            else:
                setattr(self, name, getattr(cls, name))
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()


class _TileSize:
    """Hardware tile limits (nl.tile_size), the same on every target unless noted."""

    __nki_builtin_instance__ = "nl.tile_size"

    pmax = 128                   # partitions of any SBUF/PSUM tile
    psum_fmax = 512              # fp32 elements per PSUM bank per partition (deprecated name)
    psum_bank_fmax = 512         # same, preferred name
    psum_bank_fmax_bytes = 2048  # bytes per PSUM bank per partition
    psum_num_banks = 8           # PSUM banks
    gemm_stationary_fmax = 128   # free size of a matmul's stationary operand
    gemm_moving_fmax = 512       # free size of a matmul's moving operand (trn1/trn2)
    bn_stats_fmax = 512          # free size of a bn_stats input
    psum_min_align = 4           # byte alignment of a PSUM free-dimension address
    sbuf_min_align = 1           # byte alignment of an SBUF free-dimension address

    def __repr__(self):
        return "nl.tile_size"


tile_size = _TileSize()

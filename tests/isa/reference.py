"""Independent NumPy references for the instruction tests: the dtype conversions the hardware
performs on every engine write (written here from the formats' definitions, not from the
simulator), and the bit-vector semantics on 32-bit words."""

import numpy as np

INT_RANGES = {
    "int8": (-128, 127), "int16": (-32768, 32767), "int32": (-2**31, 2**31 - 1),
    "uint8": (0, 255), "uint16": (0, 65535), "uint32": (0, 2**32 - 1),
}


def bf16_round(x):
    """float32 -> nearest-even bfloat16, returned as float32 (NaN stays NaN)."""
    x = np.asarray(x, np.float32)
    bits = x.view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    out = rounded.astype(np.uint32).view(np.float32)
    return np.where(np.isnan(x), np.float32(np.nan), out)


def to_dtype(x, dtype):
    """fp32 results as stored in `dtype` (returned in the NumPy type nki returns for it)."""
    x = np.asarray(x, np.float32)
    if dtype == "float32":
        return x
    if dtype == "bfloat16":
        return bf16_round(x)
    if dtype == "float16":
        with np.errstate(over="ignore"):
            return x.astype(np.float16)
    lo, hi = INT_RANGES[dtype]
    with np.errstate(invalid="ignore"):
        r = np.rint(x.astype(np.float64))  # round half to even
        r = np.where(np.isnan(r), 0, np.clip(r, lo, hi))
    return r.astype(dtype)


def as_words(x):
    """Integer elements as 32-bit two's complement words (sign/zero extension by dtype)."""
    return np.asarray(x).astype(np.int64) & 0xFFFFFFFF


def from_words(w, dtype):
    """The low bits of 32-bit words stored as `dtype`."""
    bits = np.dtype(dtype).itemsize * 8
    return (np.asarray(w, np.uint64) & ((1 << bits) - 1)).astype(np.dtype(dtype).str.replace("i", "u")).view(dtype)


BITVEC = {
    "bitwise_and": lambda a, b: a & b,
    "bitwise_or": lambda a, b: a | b,
    "bitwise_xor": lambda a, b: a ^ b,
    "left_shift": lambda a, b: np.where(b >= 32, 0, (a << np.minimum(b, 31)) & 0xFFFFFFFF),
    "right_shift": lambda a, b: np.where(b >= 32, 0, a >> np.minimum(b, 31)),
    "invert": lambda a, b: ~a & 0xFFFFFFFF,
}


def arith(op, a, b):
    """fp32 arithmetic of the ALU operators (NumPy float32 semantics)."""
    a = np.asarray(a, np.float32)
    b = np.asarray(b, np.float32)
    one, zero = np.float32(1), np.float32(0)
    with np.errstate(all="ignore"):
        table = {
            "add": lambda: a + b, "subtract": lambda: a - b, "multiply": lambda: a * b,
            "divide": lambda: a / b, "maximum": lambda: np.maximum(a, b), "minimum": lambda: np.minimum(a, b),
            "power": lambda: np.power(a, b), "mod": lambda: np.mod(a, b), "fmod": lambda: np.fmod(a, b),
            "equal": lambda: np.where(a == b, one, zero), "not_equal": lambda: np.where(a != b, one, zero),
            "less": lambda: np.where(a < b, one, zero), "less_equal": lambda: np.where(a <= b, one, zero),
            "greater": lambda: np.where(a > b, one, zero), "greater_equal": lambda: np.where(a >= b, one, zero),
            "logical_and": lambda: np.where((a != 0) & (b != 0), one, zero),
            "logical_or": lambda: np.where((a != 0) | (b != 0), one, zero),
            "logical_xor": lambda: np.where((a != 0) ^ (b != 0), one, zero),
            "logical_not": lambda: np.where(a == 0, one, zero),
            # the signed operand of larger / smaller magnitude, a tie giving b (nl.abs_max docs)
            "abs_max": lambda: np.where(np.isnan(a) | np.isnan(b), np.float32(np.nan),
                                        np.where(np.abs(a) > np.abs(b), a, b)),
            "abs_min": lambda: np.where(np.isnan(a) | np.isnan(b), np.float32(np.nan),
                                        np.where(np.abs(a) < np.abs(b), a, b)),
            "abs": lambda: np.abs(a), "square": lambda: a * a, "relu": lambda: np.maximum(a, zero),
            "rsqrt": lambda: one / np.sqrt(a), "reciprocal": lambda: one / a, "bypass": lambda: a,
        }
        return table[op]().astype(np.float32)


# ---- transcendentals -------------------------------------------------------------------------
# The simulator's exp, log, pow, tanh, sin, erf, ... are the exact function evaluated in double
# and rounded once to fp32 (src/sim/fpmath.h), never the host's libm. NumPy's float32 versions
# are not a fixed reference: their AVX2 / AVX-512 code paths differ from the baseline ones by an
# ulp or more. So a test computes the function in float64 (`f64_then_f32`, our definition up to
# the rare double-rounding case) and compares within a stated number of fp32 ulps.

def f64_then_f32(fn, *args):
    """fn of the fp32 arguments evaluated in float64, rounded once to float32."""
    with np.errstate(all="ignore"):
        return np.asarray(fn(*(np.asarray(a, np.float32).astype(np.float64) for a in args))).astype(np.float32)


def _ordered(x):
    """float32 values as integers in the same order (adjacent floats differ by 1; +0 == -0)."""
    bits = np.asarray(x, np.float32).view(np.int32).astype(np.int64)
    return np.where(bits < 0, -(bits & 0x7FFFFFFF), bits)


def ulp_distance(actual, expected):
    """How many float32 values apart each pair is; 0 for two NaNs, a huge number for NaN vs a number."""
    a = np.asarray(actual, np.float32)
    e = np.asarray(expected, np.float32)
    d = np.abs(_ordered(a) - _ordered(e))
    nan_a, nan_e = np.isnan(a), np.isnan(e)
    return np.where(nan_a | nan_e, np.where(nan_a & nan_e, 0, 2**40), d)


def assert_ulp_close(actual, expected, ulps):
    """Every element of `actual` within `ulps` float32 ulps of `expected` (NaN where NaN, an
    infinity 1 ulp from the largest float). Returns the largest distance seen."""
    a = np.asarray(actual, np.float32)
    e = np.asarray(expected, np.float32)
    assert a.shape == e.shape, (a.shape, e.shape)
    d = ulp_distance(a, e)
    bad = d > ulps
    if bad.any():
        i = np.unravel_index(np.argmax(d), d.shape)
        raise AssertionError(f"{int(bad.sum())} of {a.size} elements differ by more than {ulps} ulp; the worst, "
                             f"{int(d[i])} ulp at {i}: {a[i]!r} vs {e[i]!r}")
    return int(d.max()) if d.size else 0

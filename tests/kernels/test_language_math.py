"""nki.language element-wise operations against NumPy: comparisons and logical operators (output
dtype rules), bit-vector operators on every integer dtype, divide/mod/fmod/power, abs_max/abs_min
(trn3), the activation functions, rsqrt, trunc/floor/ceil and range-reduced sin/cos/tan, across
dtypes and shapes. References are written from the functions' definitions with NumPy; the dtype
rounding helpers come from tests/isa/reference.py."""

import math
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "isa")]
import language_math_kernels as k  # noqa: E402
from reference import BITVEC, arith, as_words, from_words, to_dtype  # noqa: E402

RNG = np.random.default_rng(11)
SHAPES = [(128, 64), (32, 5, 6), (1, 7)]


def rand(shape, scale=4.0):
    return (RNG.standard_normal(shape) * scale).astype(np.float32)


def stored(x, dtype):
    """Values as a tile of `dtype` holds them, as float32."""
    return to_dtype(x, dtype).astype(np.float32)


COMPARE = ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal"]
LOGICAL = ["logical_and", "logical_or", "logical_xor"]


@pytest.mark.parametrize("op", COMPARE + LOGICAL)
@pytest.mark.parametrize("in_dtype", ["float32", "bfloat16", "int32"])
@pytest.mark.parametrize("out_dtype", ["float32", "uint8"])
def test_compare_and_logical(op, in_dtype, out_dtype):
    a = np.round(rand((128, 40), 2.0))  # many equal pairs
    b = np.round(rand((128, 40), 2.0))
    a[:, :4] = 0.0
    b[:, 2:6] = 0.0
    got = k.binary(a, b, op, in_dtype, out_dtype)
    want = to_dtype(arith(op, stored(a, in_dtype), stored(b, in_dtype)), out_dtype).astype(np.float32)
    np.testing.assert_array_equal(got, want)
    assert set(np.unique(got)) <= {0.0, 1.0}


@pytest.mark.parametrize("op", ["equal", "less", "logical_or"])
@pytest.mark.parametrize("dtype", [np.int32, np.float32, np.uint8])
def test_compare_default_dtype_is_input_dtype(op, dtype):
    a = RNG.integers(0, 3, (64, 16)).astype(dtype)
    b = RNG.integers(0, 3, (64, 16)).astype(dtype)
    got = k.binary_default_dtype(a, b, op)
    assert got.dtype == dtype
    np.testing.assert_array_equal(got, arith(op, a, b).astype(dtype))


@pytest.mark.parametrize("op", ["less", "greater_equal", "logical_and"])
@pytest.mark.parametrize("scalar_first", [False, True])
def test_compare_with_scalar(op, scalar_first):
    a = np.round(rand((128, 24), 2.0))
    got = k.binary_scalar(a, op, 1.0, scalar_first, "float32")
    s = np.full_like(a, 1.0)
    want = arith(op, s, a) if scalar_first else arith(op, a, s)
    np.testing.assert_array_equal(got, want)


def test_logical_not():
    a = np.round(rand((128, 32), 1.0))
    np.testing.assert_array_equal(k.unary(a, "logical_not", "float32", "float32"), (a == 0).astype(np.float32))


INT_DTYPES = ["int8", "uint8", "int16", "uint16", "int32", "uint32"]


def int_tile(dtype, shape, lo=None, hi=None):
    info = np.iinfo(dtype)
    return RNG.integers(info.min if lo is None else lo, (info.max if hi is None else hi), shape, dtype=np.int64,
                        endpoint=True).astype(dtype)


@pytest.mark.parametrize("op", ["bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift"])
@pytest.mark.parametrize("dtype", INT_DTYPES)
def test_bitwise(op, dtype):
    a = int_tile(dtype, (128, 36))
    b = int_tile(dtype, (128, 36), 0, 7) if "shift" in op else int_tile(dtype, (128, 36))
    got = k.binary(a, b, op, dtype, dtype)
    assert got.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(got, from_words(BITVEC[op](as_words(a), as_words(b)), dtype))


@pytest.mark.parametrize("dtype", INT_DTYPES)
def test_invert(dtype):
    a = int_tile(dtype, (64, 20))
    got = k.unary(a, "invert", dtype, dtype)
    np.testing.assert_array_equal(got, from_words(~as_words(a) & 0xFFFFFFFF, dtype))
    np.testing.assert_array_equal(got, np.invert(a))


@pytest.mark.parametrize("op,s,want", [("left_shift", 3, lambda a: a << 3), ("right_shift", 2, lambda a: a >> 2),
                                       ("bitwise_and", 0xF0F0, lambda a: a & 0xF0F0)])
def test_bitwise_with_scalar(op, s, want):
    a = int_tile("int32", (128, 16), 0, 2**20)
    np.testing.assert_array_equal(k.binary_scalar(a, op, s, False, "int32"), want(a))


@pytest.mark.parametrize("op", ["divide", "mod", "fmod", "maximum", "minimum", "subtract"])
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", ["float32", "bfloat16"])
def test_arith_tiles(op, shape, dtype):
    a, b = rand(shape), rand(shape)
    b[np.abs(b) < 0.1] = 0.5
    got = k.binary(a, b, op, dtype, dtype)
    want = to_dtype(arith(op, stored(a, dtype), stored(b, dtype)), dtype)
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("op", ["divide", "mod", "fmod", "subtract"])
@pytest.mark.parametrize("scalar_first", [False, True])
def test_arith_with_scalar(op, scalar_first):
    a = rand((128, 20))
    a[np.abs(a) < 0.1] = 0.5
    s = np.full_like(a, 1.75)
    got = k.binary_scalar(a, op, 1.75, scalar_first, "float32")
    np.testing.assert_array_equal(got, arith(op, s, a) if scalar_first else arith(op, a, s))


def test_power_runs_on_gpsimd_and_matches():
    a = np.abs(rand((128, 32))) + 0.1
    b = rand((128, 32), 1.0)
    got = k.binary(a, b, "power", "float32", "float32")
    np.testing.assert_allclose(got, np.power(a.astype(np.float64), b), rtol=2e-6)


def test_binary_with_column():
    a, col = rand((128, 48)), rand((128, 1))
    col[np.abs(col) < 0.1] = 1.0
    np.testing.assert_array_equal(k.binary_column(a, col, "divide"), a / col)
    np.testing.assert_array_equal(k.binary_column(a, col, "greater"), (a > col).astype(np.float32))


@pytest.mark.parametrize("xs,ys", [((128, 64), (1, 64)), ((1, 64), (128, 64)), ((128, 1), (128, 64)),
                                   ((32, 4, 1), (32, 1, 6)), ((1, 1), (16, 700)), ((64, 8), (64, 1))])
@pytest.mark.parametrize("op", ["subtract", "divide", "greater"])
@pytest.mark.parametrize("dtype", ["float32", "bfloat16"])
def test_binary_broadcast(xs, ys, op, dtype):
    """NumPy broadcasting (also [P,1] tiles that are not float32, which tensor_scalar cannot take)."""
    a, b = rand(xs), rand(ys)
    b[np.abs(b) < 0.1] = 0.5
    got = k.binary_broadcast(a, b, op, dtype)
    x, y = np.broadcast_arrays(stored(a, dtype), stored(b, dtype))
    np.testing.assert_array_equal(got, arith(op, x, y))


@pytest.mark.parametrize("op", ["abs_max", "abs_min"])
def test_abs_max_min_trn3(op, monkeypatch):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", "trn3")
    a, b = rand((128, 32)), rand((128, 32))
    a[0, :4] = [-5.0, 1.0, -1.0, 2.0]
    b[0, :4] = [3.0, -1.0, 1.0, -2.0]  # |a| == |b| ties give y
    got = k.binary(a, b, op, "float32", "float32")
    pick = np.abs(a) > np.abs(b) if op == "abs_max" else np.abs(a) < np.abs(b)
    np.testing.assert_array_equal(got, np.where(pick, a, b))
    assert list(got[0, :4]) == ([-5.0, -1.0, 1.0, -2.0] if op == "abs_max" else [3.0, -1.0, 1.0, -2.0])


def erf(x):
    return np.vectorize(math.erf)(x.astype(np.float64))


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softplus(x):
    return np.log1p(np.exp(x))


def gelu(x):
    return 0.5 * x * (1 + erf(x / np.sqrt(2)))


UNARY = {
    "exp": np.exp, "tanh": np.tanh, "abs": np.abs, "square": np.square, "sign": np.sign, "arctan": np.arctan,
    "relu": lambda x: np.maximum(x, 0), "sigmoid": sigmoid, "silu": lambda x: x * sigmoid(x),
    "silu_dx": lambda x: sigmoid(x) * (1 + x * (1 - sigmoid(x))),
    "gelu": gelu,
    "gelu_dx": lambda x: 0.5 * (1 + erf(x / np.sqrt(2))) + x * np.exp(-0.5 * x * x) / np.sqrt(2 * np.pi),
    "gelu_apprx_tanh": lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3))),
    "gelu_apprx_sigmoid": lambda x: x * sigmoid(1.702 * x),
    "gelu_apprx_sigmoid_dx": lambda x: sigmoid(1.702 * x) * (1 + 1.702 * x * (1 - sigmoid(1.702 * x))),
    "mish": lambda x: x * np.tanh(softplus(x)), "softplus": softplus, "erf": erf,
    "erf_dx": lambda x: 2 / np.sqrt(np.pi) * np.exp(-x * x),
    "negative": np.negative,
}
POSITIVE = {"log": np.log, "sqrt": np.sqrt, "reciprocal": lambda x: 1 / x, "rsqrt": lambda x: 1 / np.sqrt(x)}


@pytest.mark.parametrize("fn", sorted(UNARY) + sorted(POSITIVE))
@pytest.mark.parametrize("shape", SHAPES)
def test_unary_fp32(fn, shape):
    a = rand(shape, 2.0)
    if fn in POSITIVE:
        a = np.abs(a) + 0.05
    ref = {**UNARY, **POSITIVE}[fn]
    got = k.unary(a, fn, "float32", "float32")
    np.testing.assert_allclose(got, ref(a.astype(np.float64)), rtol=2e-6, atol=2e-6)


@pytest.mark.parametrize("fn", ["exp", "sigmoid", "gelu", "silu", "rsqrt", "square", "sign"])
def test_unary_bf16(fn):
    a = np.abs(rand((128, 64), 2.0)) + 0.05 if fn == "rsqrt" else rand((128, 64), 2.0)
    ref = {**UNARY, **POSITIVE}[fn]
    got = k.unary(a, fn, "bfloat16", "bfloat16")
    want = to_dtype(ref(stored(a, "bfloat16").astype(np.float64)).astype(np.float32), "bfloat16")
    # the fp32 result of the simulator and of NumPy may differ in the last fp32 bit, which can move
    # the bfloat16 rounding by one bfloat16 ulp
    np.testing.assert_allclose(got, want, rtol=2**-7, atol=1e-6)


EDGES = np.array([0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1.5, -1.5, 2.5, -2.5, 0.999999, -0.999999, 7.0, -7.0,
                  8388607.5, -8388607.5, 8388608.0, -8388609.0, 1e20, -1e20, 3.0e38, np.inf, -np.inf, np.nan],
                 np.float32)


@pytest.mark.parametrize("fn", ["trunc", "floor", "ceil"])
@pytest.mark.parametrize("dtype", ["float32", "bfloat16"])
def test_rounding(fn, dtype):
    a = rand((128, 50), 20.0)
    a.flat[:EDGES.size] = EDGES
    got = k.unary(a, fn, dtype, dtype)
    want = to_dtype(getattr(np, fn)(stored(a, dtype)), dtype)
    np.testing.assert_array_equal(got, want)  # NaN where NaN, infinities kept


@pytest.mark.parametrize("fn", ["floor", "ceil", "trunc"])
def test_rounding_to_other_dtype(fn):
    a = rand((128, 30), 50.0)
    a.flat[:3] = [np.inf, -2.5, 2.5]
    got = k.unary(a, fn, "float32", "bfloat16")
    np.testing.assert_array_equal(got, to_dtype(getattr(np, fn)(a), "bfloat16"))


@pytest.mark.parametrize("fn", ["sin", "cos", "tan"])
@pytest.mark.parametrize("scale", [1.0, 30.0, 300.0, 30000.0])
def test_trig_range_reduced(fn, scale):
    a = rand((128, 64), scale)
    a.flat[:7] = [0.0, np.pi, -np.pi, 9.0, -9.0, 100.0, 1e5]
    got = k.unary(a, fn, "float32", "float32")
    want = getattr(np, fn)(a.astype(np.float64))
    # Cody-Waite reduction: a few fp32 ulps, growing only slowly with |x|
    tol = 6e-7 + np.abs(a) * 5e-11
    if fn == "tan":
        tol = tol * (1 + want * want)  # d tan / dx
    assert np.all(np.abs(got - want) <= tol), np.max(np.abs(got - want) - tol)
    # nisa.activation(op=nl.sin) alone would extrapolate beyond [-pi, pi]: sin(9) must be sin(9)
    if fn == "sin":
        assert abs(got.flat[3] - math.sin(9.0)) < 1e-6


@pytest.mark.parametrize("fn", ["sin", "cos"])
def test_trig_bf16(fn):
    a = rand((128, 64), 50.0)
    got = k.unary(a, fn, "bfloat16", "bfloat16")
    want = to_dtype(getattr(np, fn)(stored(a, "bfloat16").astype(np.float64)).astype(np.float32), "bfloat16")
    np.testing.assert_allclose(got, want, rtol=2**-7, atol=1e-6)

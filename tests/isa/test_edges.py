"""Edge cases of the element-wise instructions and tensor_reduce against NumPy (issue 4's "done
when"): rounding ties and saturation on every write, NaN/Inf through each instruction, bit-exact
same-dtype copies (NaN payloads, -0.0), strided, broadcast (stride-0) and PSUM access patterns,
and the other engines that run tensor_tensor, tensor_scalar and tensor_copy."""

import os
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
sys.path[:0] = [str(SOURCE_DIR / "python"), str(HERE)]

import nki  # noqa: E402
import nki.language as nl  # noqa: E402
import edge_kernels as K  # noqa: E402
from reference import arith, assert_ulp_close, bf16_round, f64_then_f32, to_dtype  # noqa: E402

RNG = np.random.default_rng(5)
INT_DTYPES = ["int8", "uint8", "int16", "uint16", "int32", "uint32"]
# Ties of every integer dtype and of bf16/f16, values past every integer range, NaN and infinities.
EDGES = np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 127.5, 128.5, 255.5, -128.5, 32767.5, 65535.5,
                  1e10, -1e10, 3e9, -3e9, np.nan, np.inf, -np.inf, -0.0,
                  1.00390625, 1.01171875, 2049.0, 4097.0, 65520.0, 1e-40], np.float32)


def same(out, expected):
    """Bit-equal, except that a NaN's sign and payload are free (the hardware's are not documented)."""
    out, expected = np.asarray(out), np.asarray(expected)
    if out.dtype.kind == "f":
        nan = np.isnan(out)
        np.testing.assert_array_equal(nan, np.isnan(expected))
        out, expected = np.where(nan, 0, out).astype(out.dtype), np.where(nan, 0, expected).astype(out.dtype)
    np.testing.assert_array_equal(out.view(np.uint8), expected.view(np.uint8))


def edges(rows):
    return np.tile(EDGES, (rows, 1))


# ---- tensor_tensor ----

@pytest.mark.parametrize("engine", ["vector", "gpsimd"])
@pytest.mark.parametrize("op", ["add", "multiply", "maximum", "subtract"])
def test_tensor_tensor_strided_operands(engine, op):
    a = RNG.standard_normal((64, 31)).astype(np.float32)
    b = RNG.standard_normal((64, 31)).astype(np.float32)
    a[0, :26:2] = EDGES[:13]
    b[0, 1:27:2] = EDGES[13:]
    out = K.tt_strided(a, b, op, engine)
    expected = np.zeros_like(a)
    expected[:, 1::2] = arith(op, a[:, 0:30:2], b[:, 1::2])
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("dtype", ["float32", "bfloat16", "int8", "uint16"])
def test_tensor_tensor_broadcast_operand_rounds_on_write(dtype):
    a = edges(128)
    v = RNG.uniform(-2, 2, (128, 1)).astype(np.float32)
    v[:4, 0] = [0.0, 0.5, np.inf, np.nan]
    out = K.tt_broadcast(a, v, "add", dtype)
    same(out, to_dtype(arith("add", a, v), dtype))


def test_tensor_tensor_psum_operand_and_dst():
    a = RNG.standard_normal((128, 40)).astype(np.float32)
    b = RNG.standard_normal((128, 40)).astype(np.float32)
    a[0, :26] = EDGES
    np.testing.assert_array_equal(K.tt_psum(a, b, "divide"), arith("divide", a, b))


# ---- tensor_scalar ----

@pytest.mark.parametrize("dtype", INT_DTYPES + ["bfloat16", "float16"])
def test_tensor_scalar_rounds_and_saturates_on_write(dtype):
    a = edges(4)
    out = K.ts(a, "multiply", 1.0, "add", 0.0, dtype, "vector")
    same(out, to_dtype(arith("add", arith("multiply", a, 1.0), 0.0), dtype))  # -0.0 * 1 + 0 is +0.0


def test_tensor_scalar_nan_inf_in_vector_operands():
    a = RNG.standard_normal((8, 12)).astype(np.float32)
    v0 = np.array([[1.0], [np.nan], [np.inf], [-np.inf], [0.0], [-0.0], [1e38], [2.0]], np.float32)
    v1 = np.array([[0.0], [1.0], [-np.inf], [np.inf], [np.nan], [3.0], [1e38], [-0.0]], np.float32)
    out = K.ts(a, "multiply", v0, "add", v1, "float32", "vector")
    np.testing.assert_array_equal(out, arith("add", arith("multiply", a, v0), v1))


@pytest.mark.parametrize("engine,op0,op1", [("scalar", "multiply", "add"), ("scalar", "add", ""),
                                            ("gpsimd", "rsqrt", "")])
def test_tensor_scalar_other_engines(engine, op0, op1):
    a = np.abs(edges(2)) + np.float32(0.25)
    out = K.ts(a, op0, 1.5, op1, -0.75, "float32", engine)
    expected = arith(op0, a, 1.5 if op0 != "rsqrt" else 0)
    if op1:
        expected = arith(op1, expected, -0.75)
    np.testing.assert_array_equal(out, expected)


def test_tensor_scalar_strided_and_broadcast_data():
    a = RNG.standard_normal((32, 29)).astype(np.float32)
    v = RNG.standard_normal((32, 1)).astype(np.float32)
    out = K.ts_strided_broadcast(a, v)
    np.testing.assert_array_equal(out[:, :10], arith("multiply", arith("subtract", a[:, ::3], 0.5), 3.0))
    np.testing.assert_array_equal(out[:, 10:], np.repeat(arith("add", v, v), 5, axis=1))


# ---- tensor_copy ----

@pytest.mark.parametrize("engine", ["vector", "gpsimd", "scalar"])
@pytest.mark.parametrize("dtype", INT_DTYPES + ["bfloat16", "float16"])
def test_tensor_copy_converts_with_rounding_and_saturation(engine, dtype):
    a = edges(3)
    same(K.copy(a, dtype, engine), to_dtype(a, dtype))


@pytest.mark.parametrize("dtype", INT_DTYPES)
def test_tensor_copy_integers_to_float_round_to_nearest_even(dtype):
    info = np.iinfo(dtype)
    vals = [info.min, info.max, 0, 1, -1 if info.min < 0 else 2]
    if info.bits == 32:
        vals += [2**24 + 1, 2**24 + 3, 2**25 + 2, 2**31 - 65] if dtype == "int32" else [2**32 - 129, 2**24 + 1]
    a = np.array([vals], np.int64).astype(dtype)
    same(K.copy(a, "float32", "vector"), a.astype(np.float64).astype(np.float32))
    same(K.copy(a, "bfloat16", "vector"), bf16_round(a.astype(np.float64).astype(np.float32)))


def test_tensor_copy_same_dtype_is_bit_exact():
    words = np.array([[0x7FA00001, 0xFFC12345, 0x80000000, 0x00000001, 0x7F800000, 0x3F800001]], np.uint32)
    same(K.copy_bits_f32(words), words)  # signalling-NaN payloads, -0.0 and denormals survive


@pytest.mark.parametrize("engine", ["vector", "gpsimd"])
def test_tensor_copy_strided_and_broadcast_patterns(engine):
    a = RNG.standard_normal((16, 18)).astype(np.float32)
    v = np.array([[1.00390625], [-3.0], [np.inf], [np.nan]] * 4, np.float32)
    out = K.copy_patterns(a, v, engine)
    expected = np.full((16, 18), -1.0, np.float32)
    expected[:, 0::2] = a[:, 1::2]
    np.testing.assert_array_equal(out[:, :18], expected)
    np.testing.assert_array_equal(out[:, 18:], np.repeat(bf16_round(v), 12, axis=1))


# ---- activation ----

def test_activation_copy_and_exp_of_nan_and_infinities():
    a = np.array([[np.nan, np.inf, -np.inf, -0.0, 0.0, 88.0, -104.0, 1e-40]], np.float32)
    same(K.act(a, "copy", 1.0, 0.0, "float32"), arith("add", a, 0.0))  # + bias: -0.0 becomes +0.0
    # exp(88) is finite, exp(-104) rounds to 0 (below half the smallest subnormal); NumPy's float32
    # exp is not a fixed reference (its SIMD paths differ), so: float64 exp rounded, within 1 ulp
    out = K.act(a, "exp", 1.0, 0.0, "float32")
    assert_ulp_close(out, f64_then_f32(np.exp, a), 1)
    same(out[:, :5], np.array([[np.nan, np.inf, 0.0, 1.0, 1.0]], np.float32))


@pytest.mark.parametrize("dtype", INT_DTYPES + ["bfloat16", "float16"])
def test_activation_rounds_and_saturates_on_write(dtype):
    a = edges(2)
    same(K.act(a, "copy", 1.0, 0.0, dtype), to_dtype(arith("add", a, 0.0), dtype))


def test_activation_vector_scale_and_scalar_bias():
    a = RNG.standard_normal((64, 10)).astype(np.float32)
    s = RNG.uniform(-2, 2, (64, 1)).astype(np.float32)
    s[0, 0] = np.inf
    out = K.act(a, "copy", s, 0.375, "float32")
    np.testing.assert_array_equal(out, arith("add", arith("multiply", a, s), 0.375))


def test_activation_strided_input_psum_dst_and_broadcast():
    a = RNG.uniform(-4, 4, (128, 14)).astype(np.float32)
    v = RNG.standard_normal((128, 1)).astype(np.float32)
    out = K.act_patterns(a, v)
    np.testing.assert_allclose(out[:, :7], np.exp(a[:, 1::2].astype(np.float64) * 0.5), rtol=2e-6)
    np.testing.assert_array_equal(out[:, 7:], np.repeat(arith("add", v, v) ** 2, 6, axis=1))


# ---- tensor_reduce ----

def fold(op, x):
    r = x[:, 0].astype(np.float32)
    for k in range(1, x.shape[1]):
        r = arith(op, r, x[:, k])
    return r


@pytest.mark.parametrize("op", ["add", "maximum", "minimum", "multiply"])
def test_tensor_reduce_nan_and_infinities(op):
    a = np.array([[1.0, np.nan, 2.0], [np.inf, -np.inf, 1.0], [np.inf, 1.0, 2.0], [-np.inf, 3.0, -0.0],
                  [3e38, 3e38, -3e38]], np.float32)
    np.testing.assert_array_equal(K.reduce(a, op, "float32")[:, 0], fold(op, a))


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "int32", "bfloat16"])
def test_tensor_reduce_rounds_and_saturates_on_write(dtype):
    # Sums that land on ties (x.5, the bf16 halfway point) and past the integer ranges.
    a = np.array([[100.0, 100.0, 0.5], [-100.0, -100.0, -0.5], [1.0, 0.00390625, 0.0], [2.0, 0.5, 0.0],
                  [3e9, 0.0, 0.0], [-3e9, 1.0, 0.0], [np.nan, 1.0, 1.0], [1.0, 0.01171875, 0.0]], np.float32)
    same(K.reduce(a, "add", dtype)[:, 0], to_dtype(fold("add", a), dtype))


def test_tensor_reduce_strided_and_broadcast_psum():
    a = RNG.standard_normal((128, 20)).astype(np.float32)
    v = RNG.standard_normal((128, 1)).astype(np.float32)
    out = K.reduce_patterns(a, v)
    np.testing.assert_array_equal(out[:, 0], a[:, 1::3].max(axis=1))
    np.testing.assert_array_equal(out[:, 1], fold("add", np.repeat(v, 20, axis=1)))


# ---- the other Vector/GpSimd instructions already on main ----

@pytest.mark.parametrize("dtype", ["float32", "bfloat16", "int8", "uint16"])
def test_scalar_tensor_tensor_strided_nan_and_rounding(dtype):
    a = np.tile(EDGES, (4, 1))
    v = np.array([[1.0], [np.nan], [-0.5], [np.inf]], np.float32)
    b = RNG.standard_normal((4, 26)).astype(np.float32)
    out = K.stt(a, v, b, "multiply", "add", dtype)
    same(out, to_dtype(arith("add", arith("multiply", a[:, 0::2], v), b[:, 1::2]), dtype))


@pytest.mark.parametrize("dtype", ["float32", "int16", "bfloat16"])
def test_tensor_tensor_scan_initial_tile_nan_and_saturation(dtype):
    a = np.full((3, 12), 2.0, np.float32)
    b = np.full((3, 12), 0.5, np.float32)
    b[1, 4] = np.nan
    init = np.array([[1.0], [0.0], [-np.inf]], np.float32)
    r = init[:, 0].copy()
    expected = np.empty_like(a)
    for i in range(12):  # doubles past int16's range by the last columns
        r = arith("add", arith("multiply", a[:, i], r), b[:, i])
        expected[:, i] = r
    same(K.scan(a, b, init, dtype), to_dtype(expected, dtype))


@pytest.mark.parametrize("rop", ["add", "maximum", "minimum", "multiply"])
def test_tensor_scalar_reduce_load_reduce_and_nan(rop):
    a = RNG.uniform(0.5, 1.5, (16, 9)).astype(np.float32)
    a[3, 2] = np.nan
    a[4, 0] = np.inf
    r = np.full(16, -2.5, np.float32)
    for k in range(9):
        r = arith(rop, r, a[:, k])
    np.testing.assert_array_equal(K.scalar_reduce_load(a, -2.5, rop)[:, 0], r)


@pytest.mark.parametrize("dtype,value", [("int8", 2.5), ("int8", -300.0), ("uint8", -1.0), ("bfloat16", 1.00390625),
                                         ("int32", 3.5)])
def test_tensor_copy_predicated_immediate_rounds_on_write(dtype, value):
    d32 = np.arange(24, dtype=np.float32).reshape(2, 12)
    pred = RNG.integers(0, 2, (2, 12)).astype(np.uint8)
    out = K.predicated_imm(nki.as_dtype(d32, nl.bfloat16) if dtype == "bfloat16" else d32.astype(dtype), pred, value)
    fill = to_dtype(np.full((2, 12), value, np.float32), dtype)
    same(out, np.where(pred != 0, fill, to_dtype(d32, dtype)))


@pytest.mark.parametrize("dtype", ["int8", "uint8", "bfloat16", "float16"])
def test_reciprocal_rounds_and_saturates(dtype):
    a = np.array([[0.001, -0.001, 2.0, 3.0, 0.0, -0.0, np.inf, np.nan, 1e-5, 0.4]], np.float32)
    with np.errstate(divide="ignore"):
        same(K.recip(a, dtype), to_dtype(np.float32(1) / a, dtype))


def test_tensor_partition_reduce_nan_inf_and_one_partition():
    a = RNG.standard_normal((128, 6)).astype(np.float32)
    a[5, 0], a[7, 1], a[9, 1] = np.nan, np.inf, -np.inf
    out = K.part_reduce(a, "maximum")[0]
    expected = a[0].copy()
    for p in range(1, 128):
        expected = arith("maximum", expected, a[p])
    np.testing.assert_array_equal(out, expected)
    with np.errstate(invalid="ignore"):
        assert np.isnan(K.part_reduce(a, "add")[0, 1])  # inf + -inf
    one = RNG.standard_normal((1, 9)).astype(np.float32)
    np.testing.assert_array_equal(K.part_reduce(one, "add"), one)


@pytest.mark.parametrize("dtype,fill", [("int8", -9984.0), ("uint8", -1.0), ("int16", 2.5)])
def test_affine_select_integer_tiles_fill_saturates(dtype, fill):
    info = np.iinfo(dtype)
    a = RNG.integers(info.min, info.max, (32, 40), endpoint=True).astype(dtype)
    p, j = np.meshgrid(np.arange(32), np.arange(40), indexing="ij")
    expected = np.where(p - j >= 0, a, to_dtype(np.float32(fill), dtype))
    same(K.causal_int(a, fill), expected.astype(dtype))


# ---- strided and broadcast operands of the remaining instructions ----

def test_reciprocal_strided():
    a = RNG.uniform(0.5, 4.0, (128, 34)).astype(np.float32)
    out = K.recip_strided(a)
    expected = np.zeros_like(a)
    expected[:, 1::2] = np.float32(1) / a[:, 0:33:2]
    np.testing.assert_array_equal(out, expected)


def test_tensor_tensor_scan_strided_data0_broadcast_data1():
    a = RNG.uniform(-1, 1, (16, 22)).astype(np.float32)
    v = RNG.standard_normal((16, 1)).astype(np.float32)
    r = np.full(16, 0.25, np.float32)
    expected = np.empty((16, 11), np.float32)
    for i in range(11):
        r = arith("add", arith("multiply", a[:, 2 * i], r), v[:, 0])
        expected[:, i] = r
    np.testing.assert_array_equal(K.scan_strided_broadcast(a, v, 0.25), expected)


def test_tensor_copy_predicated_strided_src_broadcast_predicate():
    d = RNG.standard_normal((32, 9)).astype(np.float32)
    s = RNG.standard_normal((32, 18)).astype(np.float32)
    pred = RNG.integers(0, 2, (32, 1)).astype(np.uint8)
    out = K.predicated_strided_broadcast(d, s, pred)
    np.testing.assert_array_equal(out, np.where(pred != 0, s[:, 0::2], d))


def test_scalar_tensor_tensor_broadcast_operand1():
    a = RNG.standard_normal((64, 13)).astype(np.float32)
    v = RNG.standard_normal((64, 1)).astype(np.float32)
    w = RNG.standard_normal((64, 1)).astype(np.float32)
    np.testing.assert_array_equal(K.stt_broadcast(a, v, w), arith("add", arith("multiply", a, v), w))


def test_tensor_scalar_reduce_strided_data():
    a = RNG.uniform(0.5, 1.5, (8, 20)).astype(np.float32)
    out = K.scalar_reduce_strided(a)
    x = arith("multiply", a[:, 1::3], np.float32(2))
    np.testing.assert_array_equal(out[:, :-1], x)
    np.testing.assert_array_equal(out[:, -1], fold("add", x))


@pytest.mark.parametrize("engine,shape", [("tensor", (96, 40)), ("vector", (32, 64))])
def test_nc_transpose_strided_data(engine, shape):
    a = RNG.standard_normal(shape).astype(np.float32)
    np.testing.assert_array_equal(K.transpose_strided(a, engine), a[:, 0::2].T)


@pytest.mark.parametrize("dtype", ["float32", "bfloat16", "int8"])
def test_dma_copy_strided_and_broadcast_sbuf_sources(dtype):
    a = (RNG.standard_normal((128, 14)) * 50).astype(np.float32)
    v = (RNG.standard_normal((128, 1)) * 50).astype(np.float32)
    a, v = to_dtype(a, dtype), to_dtype(v, dtype)  # values the dtype holds exactly
    args = (nki.as_dtype(a, nl.bfloat16), nki.as_dtype(v, nl.bfloat16)) if dtype == "bfloat16" else (a, v)
    out = K.dma_strided_broadcast(*args)
    np.testing.assert_array_equal(out[:, :7], a[:, 1::2])
    np.testing.assert_array_equal(out[:, 7:], np.repeat(v, 5, axis=1))


def test_bn_stats_and_partition_reduce_strided_data():
    a = (RNG.standard_normal((64, 38)) * 3 + 1).astype(np.float32)
    out = K.stats_strided(a).astype(np.float64)
    x = a[:, 0::2].astype(np.float64)
    for parity in range(2):
        y = x[:, parity::2]
        s = out[:64, parity * 3:parity * 3 + 3]
        np.testing.assert_array_equal(s[:, 0], y.shape[1])
        np.testing.assert_allclose(s[:, 1], y.mean(axis=1), rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(s[:, 2], y.var(axis=1) * y.shape[1], rtol=1e-4)
    np.testing.assert_array_equal(out[64, :19], fold("add", a[:, 1::2].T))  # over the partitions


def test_affine_select_strided_on_true_tile():
    a = RNG.standard_normal((48, 60)).astype(np.float32)
    p, j = np.meshgrid(np.arange(48), np.arange(30), indexing="ij")
    np.testing.assert_array_equal(K.causal_strided(a), np.where(p - j >= 0, a[:, 1::2], np.float32(-1.0)))

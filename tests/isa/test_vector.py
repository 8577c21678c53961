"""Vector/GpSimd reductions, scans, selections, statistics and generators against NumPy:
tensor_reduce (axes, negate, bit-vector), scalar_tensor_tensor, tensor_tensor_scan, reciprocal,
iota, affine_select, tensor_copy_predicated, tensor_scalar_reduce with the Vector accumulators,
tensor_partition_reduce, bn_stats + bn_aggr."""

import os
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
sys.path[:0] = [str(SOURCE_DIR / "python"), str(HERE)]

import isa_kernels as K  # noqa: E402
from reference import arith, to_dtype  # noqa: E402

RNG = np.random.default_rng(11)


def fold(op, x, axis):
    """Left fold along `axis` in fp32, as the engine reduces."""
    x = np.moveaxis(np.asarray(x, np.float32), axis, -1)
    r = x[..., 0]
    for k in range(1, x.shape[-1]):
        r = arith(op, r, x[..., k])
    return r


# Edge shapes (issue 4): 128 partitions, 1 partition, odd free sizes.
SHAPES = [(128, 17), (1, 33)]


@pytest.mark.parametrize("shape", [(128, 3, 7), (1, 5, 9)])
@pytest.mark.parametrize("op", ["add", "maximum", "minimum", "multiply", "subtract"])
def test_tensor_reduce_last_axis(op, shape):
    a = RNG.uniform(0.5, 1.5, shape).astype(np.float32)
    out = K.tensor_reduce(a, op, 2, False, shape[:2], "float32")
    np.testing.assert_array_equal(out, fold(op, a, 2))


def test_tensor_reduce_two_axes_negate_bf16():
    a = RNG.standard_normal((16, 4, 5, 6)).astype(np.float32)
    out = K.tensor_reduce(a, "add", (2, 3), True, (16, 4), "bfloat16")
    expected = -fold("add", a.reshape(16, 4, 30), 2)
    np.testing.assert_array_equal(out, to_dtype(expected, "bfloat16"))


def test_tensor_reduce_bitvec_raw():
    a = RNG.integers(0, 2**32, (8, 33), dtype=np.uint64).astype(np.uint32)
    out = K.tensor_reduce(a, "bitwise_or", (1,), False, (8, 1), "uint32")
    np.testing.assert_array_equal(out[:, 0], np.bitwise_or.reduce(a, axis=1))


@pytest.mark.parametrize("shape", [(64, 10)] + SHAPES)
@pytest.mark.parametrize("rev0,rev1", [(False, False), (True, True)])
def test_scalar_tensor_tensor(rev0, rev1, shape):
    a = RNG.standard_normal(shape).astype(np.float32)
    v = RNG.standard_normal((shape[0], 1)).astype(np.float32)
    b = RNG.standard_normal(shape).astype(np.float32)
    out = K.scalar_tensor_tensor(a, v, b, "subtract", "divide", rev0, rev1)
    t = arith("subtract", v, a) if rev0 else arith("subtract", a, v)
    np.testing.assert_array_equal(out, arith("divide", b, t) if rev1 else arith("divide", t, b))


@pytest.mark.parametrize("shape", [(32, 50)] + SHAPES)
def test_tensor_tensor_scan_cumsum_and_recurrence(shape):
    a = RNG.standard_normal(shape).astype(np.float32)
    b = RNG.standard_normal(shape).astype(np.float32)
    out = K.tensor_tensor_scan(a, b, 0.5, "multiply", "add")
    r = np.full(shape[0], 0.5, np.float32)
    expected = np.empty_like(a)
    for i in range(shape[1]):
        r = arith("add", arith("multiply", a[:, i], r), b[:, i])
        expected[:, i] = r
    np.testing.assert_array_equal(out, expected)


def test_reciprocal_special_values():
    a = np.array([[1.0, 3.0, 0.0, -0.0, np.inf, np.nan, 1e-40, 7.0]], np.float32)
    with np.errstate(divide="ignore", over="ignore"):
        np.testing.assert_array_equal(K.reciprocal(a), np.float32(1) / a)


@pytest.mark.parametrize("shape", SHAPES)
def test_reciprocal_edge_shapes(shape):
    a = (RNG.uniform(0.1, 10.0, shape) * RNG.choice([-1, 1], shape)).astype(np.float32)
    np.testing.assert_array_equal(K.reciprocal(a), np.float32(1) / a)


@pytest.mark.parametrize("parts", [128, 1])
@pytest.mark.parametrize("dtype", ["int32", "float32", "int8", "uint16", "bfloat16"])
def test_iota(dtype, parts):
    n, m, offset, mult = 3, 5, -7, 1000
    out = K.iota(parts, n, m, offset, mult, dtype)
    p, i, j = np.meshgrid(np.arange(parts), np.arange(n), np.arange(m), indexing="ij")
    expected = offset + p * mult + i * m * 10 - j
    np.testing.assert_array_equal(out, to_dtype(expected.astype(np.float32), dtype) if dtype != "int32"
                                  else expected.astype(np.int32))


@pytest.mark.parametrize("shape", [(128, 96)] + SHAPES)
def test_affine_select_causal_mask_bf16(shape):
    a = RNG.standard_normal(shape).astype(np.float32)
    import nki
    import nki.language as nl
    out = K.causal_mask(nki.as_dtype(a, nl.bfloat16))
    p, j = np.meshgrid(np.arange(shape[0]), np.arange(shape[1]), indexing="ij")
    expected = np.where(p - j >= 0, to_dtype(a, "bfloat16"), np.float32(-9984.0))
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("shape", [(32, 12)] + SHAPES)
@pytest.mark.parametrize("reverse", [False, True])
def test_tensor_copy_predicated(reverse, shape):
    d = RNG.standard_normal(shape).astype(np.float32)
    s = RNG.standard_normal(shape).astype(np.float32)
    pred = RNG.integers(0, 3, shape).astype(np.uint8)
    out = K.copy_predicated(d, s, pred, reverse)
    np.testing.assert_array_equal(out, np.where((pred != 0) != reverse, s, d))


@pytest.mark.parametrize("shape", [(128, 6), (1, 7)])
@pytest.mark.parametrize("rop", ["add", "maximum", "minimum", "multiply"])
def test_tensor_scalar_reduce_accumulates(rop, shape):
    a = RNG.uniform(0.5, 1.5, shape).astype(np.float32)
    b = RNG.uniform(0.5, 1.5, shape).astype(np.float32)
    out = K.scalar_reduce(a, b, "multiply", 1.25, rop)
    ta, tb = arith("multiply", a, 1.25), arith("multiply", b, 1.25)
    r1 = fold(rop, ta, 1)
    r2 = r1.copy()
    for k in range(shape[1]):
        r2 = arith(rop, r2, tb[:, k])
    np.testing.assert_array_equal(out[:, 0], r1)
    np.testing.assert_array_equal(out[:, 1], -r2)
    np.testing.assert_array_equal(out[:, 2:], tb)


@pytest.mark.parametrize("op", ["add", "maximum", "average"])
def test_tensor_partition_reduce(op):
    a = RNG.standard_normal((128, 20)).astype(np.float32)
    out = K.partition_reduce(a, op)
    expected = fold("add" if op == "average" else op, a, 0)
    if op == "average":
        expected = expected / np.float32(128)
    np.testing.assert_array_equal(out[0], expected)


def test_tensor_partition_reduce_bitwise():
    a = RNG.integers(-2**31, 2**31, (64, 9), dtype=np.int64).astype(np.int32)
    np.testing.assert_array_equal(K.partition_reduce(a, "bitwise_and")[0], np.bitwise_and.reduce(a, axis=0))


@pytest.mark.parametrize("parts", [128, 1])
def test_bn_stats_and_aggr(parts):
    a = RNG.standard_normal((parts, 2 * 37)).astype(np.float32) * 3 + 1
    out = K.bn(a).astype(np.float64)
    for h, part in enumerate([a[:, :37], a[:, 37:]]):
        for parity in range(2):
            x = part[:, parity::2].astype(np.float64)
            s = out[:, h * 6 + parity * 3:h * 6 + parity * 3 + 3]
            np.testing.assert_array_equal(s[:, 0], x.shape[1])
            np.testing.assert_allclose(s[:, 1], x.mean(axis=1), rtol=1e-5, atol=1e-6)
            np.testing.assert_allclose(s[:, 2], x.var(axis=1) * x.shape[1], rtol=1e-4)
    np.testing.assert_allclose(out[:, 12], a.astype(np.float64).mean(axis=1), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(out[:, 13], a.astype(np.float64).var(axis=1), rtol=1e-4)


@pytest.mark.parametrize("parts", [1, 128])
def test_bn_aggr_of_one_triple(parts):
    # bn_aggr over a single (count, mean, count * variance) triple: 3 elements per partition.
    a = RNG.standard_normal((parts, 25)).astype(np.float32) * 2 - 1
    out = K.bn_one_triple(a).astype(np.float64)
    x = a[:, 0::2].astype(np.float64)  # the first triple summarises the even elements
    np.testing.assert_allclose(out[:, 0], x.mean(axis=1), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(out[:, 1], x.var(axis=1), rtol=1e-4)

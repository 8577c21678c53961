"""nki.language reductions, normalisations and tensor operations against NumPy: sum/max/min/
prod/mean/all/var over trailing free axes (keepdims, negative axes, several dtypes), softmax and
rms_norm (every free axis and a trailing subset), where, broadcast_to (free dims and across
partitions), expand_dims, load_transpose2d, shared_identity_matrix, device_print and
program_ndim. References are plain NumPy (float64 where the simulator accumulates in fp32)."""

import re
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "isa")]
import language_math_kernels as k  # noqa: E402
from reference import to_dtype  # noqa: E402

RNG = np.random.default_rng(12)


def rand(shape, scale=1.0):
    return (RNG.standard_normal(shape) * scale).astype(np.float32)


def stored(x, dtype):
    return to_dtype(x, dtype).astype(np.float32)


NP_REDUCE = {"sum": np.sum, "max": np.max, "min": np.min, "prod": np.prod, "mean": np.mean}
CASES = [((128, 64), 1), ((128, 64), -1), ((64, 4, 8), 2), ((64, 4, 8), (1, 2)), ((64, 4, 8), (-1, -2)),
         ((16, 2, 3, 5), (2, 3)), ((16, 2, 3, 5), 3), ((1, 9), 1)]


@pytest.mark.parametrize("fn", sorted(NP_REDUCE))
@pytest.mark.parametrize("shape,axis", CASES)
@pytest.mark.parametrize("keepdims", [False, True])
def test_reduce_fp32(fn, shape, axis, keepdims):
    a = rand(shape) + (1.0 if fn == "prod" else 0.0)  # products of values near 1 stay finite
    got = k.reduce(a, fn, axis, keepdims, "float32")
    want = NP_REDUCE[fn](a.astype(np.float64), axis=axis, keepdims=keepdims)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("fn", ["sum", "max", "mean"])
@pytest.mark.parametrize("in_dtype", ["bfloat16", "int32"])
def test_reduce_other_dtypes(fn, in_dtype):
    a = rand((128, 96), 8.0)
    x = stored(a, in_dtype).astype(np.float64)
    got = k.reduce(a, fn, 1, True, in_dtype)
    want = to_dtype(NP_REDUCE[fn](x, axis=1, keepdims=True).astype(np.float32), in_dtype)
    # the tile keeps x's dtype: sums round to bfloat16 / int32
    np.testing.assert_allclose(got, want, rtol=2**-7 if in_dtype == "bfloat16" else 0, atol=1 if fn == "mean" else 1e-3)


@pytest.mark.parametrize("shape,axis", [((128, 16), 1), ((32, 4, 6), (1, 2)), ((32, 4, 6), 2)])
def test_all(shape, axis):
    a = (RNG.random(shape) > 0.1).astype(np.float32)
    a[0] = 1.0
    got = k.reduce_all(a, axis)
    np.testing.assert_array_equal(got, np.all(a != 0, axis=axis).astype(np.float32))
    assert got.reshape(shape[0], -1)[0].all()


@pytest.mark.parametrize("shape,axis", [((128, 64), 1), ((64, 4, 8), 2), ((64, 4, 8), (1, 2))])
def test_var(shape, axis):
    a = rand(shape, 3.0) + 5.0
    got = k.var(a, axis)
    want = np.var(a.astype(np.float64), axis=axis, keepdims=True)
    assert got.shape == want.shape  # keepdims is always on
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def np_softmax(x, axis):
    x = x.astype(np.float64)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@pytest.mark.parametrize("shape,axis", [((128, 64), -1), ((128, 600), 1), ((32, 4, 16), 2), ((32, 4, 16), (1, 2))])
@pytest.mark.parametrize("dtype", ["float32", "bfloat16"])
def test_softmax(shape, axis, dtype):
    a = rand(shape, 4.0)
    a.flat[0] = 80.0  # exp(80) overflows fp32 unless the max is subtracted first
    got = k.softmax(a, axis, dtype)
    want = np_softmax(stored(a, dtype), axis)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-7)  # fp32 sums of up to 600 terms
    np.testing.assert_allclose(got.sum(axis=axis), 1.0, rtol=1e-5)


@pytest.mark.parametrize("shape,axis,wshape", [((128, 64), -1, (128, 64)), ((128, 64), 1, (1, 64)),
                                                ((64, 700), 1, (1, 700)), ((32, 4, 8), (1, 2), (32, 4, 8)),
                                                ((32, 4, 8), 2, (1, 1, 8)), ((128, 32), 1, (128, 1))])
def test_rms_norm(shape, axis, wshape):
    a = rand(shape, 2.0)
    w = rand(wshape) + 1.0
    axes = axis if isinstance(axis, tuple) else (axis,)
    n = int(np.prod([shape[d] for d in axes]))
    got = k.rms_norm(a, w, axis, n, 1e-6, "float32")
    x = a.astype(np.float64)
    want = x / np.sqrt((x * x).sum(axis=axis, keepdims=True) / n + 1e-6) * w
    np.testing.assert_allclose(got, want, rtol=5e-6, atol=1e-6)


def test_rms_norm_bf16_input_and_epsilon():
    a = rand((128, 64), 1e-3)  # epsilon dominates
    w = np.ones((128, 64), np.float32)
    got = k.rms_norm(a, w, -1, 64, 0.01, "bfloat16")
    x = stored(a, "bfloat16").astype(np.float64)
    np.testing.assert_allclose(got, x / np.sqrt((x * x).mean(-1, keepdims=True) + 0.01), rtol=5e-6, atol=1e-8)


@pytest.mark.parametrize("cond_dtype", [np.float32, np.uint8, np.int32])
@pytest.mark.parametrize("in_dtype", ["float32", "bfloat16", "int32"])
def test_where(cond_dtype, in_dtype):
    c = (RNG.random((128, 40)) > 0.5).astype(cond_dtype) * (3 if cond_dtype == np.int32 else 1)  # any non-zero
    a, b = rand((128, 40), 10.0), rand((128, 40), 10.0)
    got = k.where(c, a, b, in_dtype)
    np.testing.assert_array_equal(got, np.where(c != 0, stored(a, in_dtype), stored(b, in_dtype)))


def test_where_with_numbers():
    c = (RNG.random((64, 8, 4)) > 0.5).astype(np.float32)
    a = rand((64, 8, 4))
    got = k.where_scalars(c, a)
    np.testing.assert_array_equal(got, np.where(c != 0, a, -1.0) + np.where(c != 0, 2.5, a))


@pytest.mark.parametrize("src,shape", [((1, 64), (128, 64)), ((128, 1), (128, 64)), ((1, 1), (64, 32)),
                                       ((1, 1000), (128, 1000)), ((1, 4, 1), (32, 4, 6)), ((16, 5), (16, 5))])
@pytest.mark.parametrize("dtype", [np.float32, np.int32])
def test_broadcast_to(src, shape, dtype):
    a = (rand(src, 1000.0)).astype(dtype)
    got = k.broadcast_to(a, shape)
    np.testing.assert_array_equal(got, np.broadcast_to(a, shape))


def test_broadcast_to_int_exact_beyond_bf16():
    a = np.array([[16777215, -16777215, 123456789 % 2**24, 7]], np.int32)  # exact in fp32
    np.testing.assert_array_equal(k.broadcast_to(a, (128, 4)), np.broadcast_to(a, (128, 4)))


def test_expand_dims():
    a = rand((128, 48))
    np.testing.assert_allclose(k.expand_dims_add(a, a), a - a.sum(1, keepdims=True), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("shape", [(64, 128), (200, 32), (1, 5)])
@pytest.mark.parametrize("dtype", ["float32", "bfloat16"])
def test_load_transpose2d(shape, dtype):
    a = rand(shape)
    np.testing.assert_array_equal(k.load_transpose2d(a, dtype), stored(a, dtype).T)


@pytest.mark.parametrize("n", [1, 5, 128])
@pytest.mark.parametrize("dtype", ["uint8", "float32", "bfloat16"])
def test_shared_identity_matrix(n, dtype):
    np.testing.assert_array_equal(k.identity(n, dtype), np.eye(n, dtype=np.float32))


def test_identity_with_matmul():
    a = rand((96, 40))
    np.testing.assert_allclose(k.identity_transpose(a), a.T, rtol=0, atol=0)


@pytest.mark.parametrize("dtype", ["float32", "bfloat16"])
def test_dropout(dtype):
    a = rand((128, 256)) + 10.0  # no zeros of its own
    np.testing.assert_array_equal(k.dropout(a, 0.0, dtype), stored(a, dtype))
    np.testing.assert_array_equal(k.dropout(a, 1.0, dtype), np.zeros_like(a))
    got = k.dropout(a, 0.3, dtype)
    kept = got != 0
    np.testing.assert_array_equal(got[kept], stored(a, dtype)[kept])  # kept values unscaled
    assert abs((~kept).mean() - 0.3) < 0.02  # 32768 draws: 5 sigma is 0.013


def test_dropout_per_partition_rate():
    a = rand((128, 64)) + 10.0
    r = np.where(np.arange(128) % 2 == 0, 0.0, 1.0).astype(np.float32).reshape(128, 1)
    got = k.dropout_per_partition(a, r)
    np.testing.assert_array_equal(got[0::2], a[0::2])
    np.testing.assert_array_equal(got[1::2], 0.0)


def parse_print(text, prefix):
    """The values device_print wrote after the line `prefix`."""
    lines = text.splitlines()
    start = lines.index(prefix) + 1
    body = []
    depth = 0
    for line in lines[start:]:
        body.append(line)
        depth += line.count("[") - line.count("]")
        if depth == 0:
            break
    return np.array([float(v) for v in re.findall(r"[-+0-9.eE]+|nan|inf", " ".join(body))], np.float32)


def test_device_print(capfd):
    a = (RNG.standard_normal((3, 4)) * 10).astype(np.float32)
    out = k.device_print(a)
    np.testing.assert_array_equal(out, a)
    text = capfd.readouterr().out
    np.testing.assert_allclose(parse_print(text, "x_tile"), a.ravel(), rtol=1e-5)
    np.testing.assert_allclose(parse_print(text, "a hbm"), a[0:2].ravel(), rtol=1e-5)
    assert text.index("x_tile") < text.index("a hbm")  # program order
    assert "[[" in text and text.count("\n [") >= 3  # rows on their own lines, as NumPy prints


def test_program_ndim():
    a = rand((8, 8))
    np.testing.assert_array_equal(k.program_ndim(a), a + 1)

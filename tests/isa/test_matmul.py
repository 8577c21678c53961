"""nc_matmul options and nc_transpose against NumPy: fp32 / one-zero hints, PE tiling (every tile
position of every tile size, each an independent product), perf_mode=double_row (fp8, contraction
over the partitions and the size-2 first free dim), transpose mode (bit-exact, NaN intact, 16-bit
PSUM output, fp8 in a 16-bit word), and the Tensor and Vector engine transposes."""

import os
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
sys.path[:0] = [str(SOURCE_DIR / "python"), str(HERE)]

import matmul_dma_kernels as K  # noqa: E402
from reference import bf16_round  # noqa: E402

RNG = np.random.default_rng(7)
# Values every fp8 format (e4m3, e5m2) holds exactly, so fp32 sums of their products are exact.
FP8_EXACT = np.array([0, 0.25, 0.5, 1, 1.5, 2, 3, 4, -0.25, -0.5, -1, -1.5, -2, -3, -4], np.float32)


def exact_small(shape):
    return RNG.choice(FP8_EXACT, shape).astype(np.float32)


@pytest.mark.parametrize("onezero", [False, True])
def test_matmul_fp32_and_onezero_hint(onezero):
    s = RNG.integers(0, 2, (128, 96)).astype(np.float32)
    m = RNG.standard_normal((128, 200)).astype(np.float32) if not onezero else RNG.integers(0, 2, (128, 200)).astype(np.float32)
    out = K.matmul(s, m, "float32", onezero)
    np.testing.assert_allclose(out, s.T.astype(np.float64) @ m.astype(np.float64), rtol=1e-5, atol=1e-4)


@pytest.mark.parametrize("row_size,col_size", [(128, 128), (64, 128), (128, 64), (64, 64), (32, 32), (32, 128)])
def test_pe_tiling_every_position(row_size, col_size):
    s = exact_small((128, 128))
    m = exact_small((128, 24))
    out = K.matmul_tiled(s, m, row_size, col_size)
    for i in range(128 // row_size):
        for j in range(128 // col_size):
            blk = s[i * row_size:(i + 1) * row_size, j * col_size:(j + 1) * col_size]
            np.testing.assert_array_equal(out[i, j], blk.T @ m[i * row_size:(i + 1) * row_size])


@pytest.mark.parametrize("s_dtype,m_dtype", [("float8_e4m3", "float8_e4m3"), ("float8_e5m2", "float8_e4m3"),
                                             ("float8_e5m2", "float8_e5m2")])
@pytest.mark.parametrize("k,m_free,n", [(128, 128, 512), (1, 1, 3), (64, 17, 40)])
def test_double_row(s_dtype, m_dtype, k, m_free, n):
    s = exact_small((k, 2, m_free))
    m = exact_small((k, 2, n))
    out = K.matmul_double_row(s, m, s_dtype, m_dtype)
    np.testing.assert_array_equal(out, np.einsum("kli,klj->ij", s.astype(np.float64), m.astype(np.float64)))


@pytest.mark.parametrize("in_dtype,out_dtype", [("bfloat16", "bfloat16"), ("float16", "float16"),
                                                ("float32", "float32"), ("bfloat16", "float32")])
@pytest.mark.parametrize("p,f", [(128, 128), (64, 32), (1, 7)])
def test_transpose_mode_bit_exact(in_dtype, out_dtype, p, f):
    a = RNG.standard_normal((p, f)).astype(np.float32) * 1000
    a.flat[::5] = np.nan
    a.flat[1::7] = np.inf
    out = K.matmul_transpose(a, np.eye(p, dtype=np.float32), in_dtype, out_dtype)
    stored = {"bfloat16": bf16_round, "float16": lambda x: x.astype(np.float16).astype(np.float32),
              "float32": lambda x: x}[in_dtype](a)
    np.testing.assert_array_equal(out.astype(np.float32), stored.T)


def test_transpose_mode_permutation_selects_rows():
    a = RNG.standard_normal((32, 16)).astype(np.float32)
    perm = np.eye(32, dtype=np.float32)[:, RNG.permutation(32)]
    out = K.matmul_transpose(a, perm, "float32", "float32")
    np.testing.assert_array_equal(out, a.T @ perm)


def test_transpose_mode_fp8_lands_in_16_bit_word():
    a = exact_small((32, 8))
    out = K.matmul_transpose(a, np.eye(32, dtype=np.float32), "float8_e4m3", "uint16")
    # e4m3 bits (bias 7, 3 mantissa bits) of the exact values, upper byte zero
    def e4m3_bits(x):
        if x == 0:
            return 0
        sign = 0x80 if x < 0 else 0
        e = int(np.floor(np.log2(abs(x))))
        mant = int(round((abs(x) / 2.0 ** e - 1) * 8))
        return sign | ((e + 7) << 3) | mant
    expected = np.vectorize(e4m3_bits)(a.T).astype(np.uint16)
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("engine,shape", [("tensor", (128, 128)), ("tensor", (64, 100)), ("vector", (32, 32)),
                                          ("vector", (5, 17)), ("tensor", (1, 33)), ("tensor", (128, 1)),
                                          ("vector", (1, 17))])
@pytest.mark.parametrize("dtype", ["float32", "int32", "float16"])
def test_nc_transpose_engines(engine, shape, dtype):
    a = (RNG.standard_normal(shape) * 100).astype(dtype)
    if engine == "tensor" and dtype == "int32":
        pytest.skip("the Tensor Engine transposes floats")
    np.testing.assert_array_equal(K.transpose(a, engine), a.T)


@pytest.mark.parametrize("target", ["trn1", "trn2"])
def test_tensor_engine_transpose_nan_on_trn1_only(monkeypatch, target):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", target)
    a = RNG.standard_normal((64, 48)).astype(np.float32)
    a[3, 5] = np.nan
    a[7, 9] = np.inf
    out = K.transpose(a, "tensor")
    expected = a.T.copy()
    if target == "trn1":
        # A multiply by the identity: a NaN/Inf times 0 is NaN, so the whole dst row is NaN except
        # where the Inf itself is multiplied by 1 (and nothing else is NaN).
        expected[5, :] = np.nan
        expected[9, :] = np.nan
        expected[9, 7] = np.inf
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("target", ["trn1", "trn2"])
def test_matmul_transpose_mode_is_a_plain_matmul_on_trn1(monkeypatch, target):
    monkeypatch.setenv("NEURON_PLATFORM_TARGET_OVERRIDE", target)
    a = RNG.standard_normal((32, 16)).astype(np.float32)
    a[2, 3] = np.nan
    out = K.matmul_transpose(a, np.eye(32, dtype=np.float32), "float32", "float32")
    expected = a.T.copy()
    if target == "trn1":
        expected[3, :] = np.nan
    np.testing.assert_array_equal(out, expected)


def test_matmul_strided_operands():
    s = exact_small((96, 40))
    m = exact_small((96, 61))
    np.testing.assert_array_equal(K.matmul_strided(s, m), s[:, 0::2].T @ m[:, 1::3])


def test_matmul_broadcast_moving():
    s = exact_small((64, 33))
    v = exact_small((64, 1))
    np.testing.assert_array_equal(K.matmul_broadcast_moving(s, v, 7), np.repeat(s.T @ v, 7, axis=1))

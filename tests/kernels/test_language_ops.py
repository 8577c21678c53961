"""nki.language convenience operations against NumPy, through the Python package."""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nki  # noqa: E402
import language_ops_kernels as k  # noqa: E402


def test_elementwise_chain():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((128, 96)).astype(np.float32)
    b = rng.standard_normal((128, 96)).astype(np.float32)
    got = nki.simulate(k.elementwise)(a, b)
    want = -np.maximum(np.exp(np.tanh(np.maximum(2.0 - (a + b), a * 0.5))) + 3.0, 0.0)
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6)


def test_creation_ops():
    a = np.arange(64 * 8, dtype=np.float32).reshape(64, 8)
    got = k.creation(a)
    want = np.concatenate([np.zeros_like(a), np.ones_like(a), np.full_like(a, 7.0), a + 1], axis=1)
    np.testing.assert_array_equal(got, want)


def test_matmul_and_transpose():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((128, 64)).astype(np.float32)
    y = rng.standard_normal((64, 256)).astype(np.float32)
    prod, xt = nki.simulate(k.matmul_and_transpose)(x, y)
    np.testing.assert_allclose(prod, x.astype(np.float64) @ y, rtol=1e-5, atol=1e-4)
    np.testing.assert_array_equal(xt, x.T)
